import { createApp } from '../../../server/app';
import { computeAgreement, decide } from '../../../server/services/screening';
import type { Db } from '../../../server/db/connection';
import type { Vote } from '../../../server/domain/screening/types';
import { CHANGED_VOTES, FIRST_VOTES } from '../../support/agreement-example';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/**
 * Agreement from independent judgements (issue 13), on the worked example of
 * docs/notes/screening.md (tests/support/agreement-example.ts), voted through the real
 * service: alice is reviewer A, bob reviewer B.
 */
const clock = () => new Date('2026-05-04T08:00:00Z');

/** Casts one reviewer's vote on the record at `index` (0-based) through the service. */
function voter(db: Db, p: ReturnType<typeof seedScreeningProject>) {
  return (who: 'alice' | 'bob', index: number, decision: Vote) =>
    decide(
      { db, clock },
      p.projectId,
      { userId: p[who].userId, role: 'reviewer' },
      {
        recordId: p.recordIds[index]!,
        stage: 'title_abstract',
        decision,
      },
    );
}

function workedExample() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 12);
  const vote = voter(db, p);
  FIRST_VOTES.forEach(([a, b], i) => {
    vote('alice', i, a);
    vote('bob', i, b);
  });
  // after discussion: records 3, 4 and 5 now agree
  for (const [who, record, decision] of CHANGED_VOTES)
    vote(who === 'A' ? 'alice' : 'bob', record - 1, decision);
  return { db, ...p };
}

const close = (x: number) => expect.closeTo(x, 6);

describe('agreement from independent judgements', () => {
  it("uses each reviewer's first vote by default", () => {
    const { db, projectId } = workedExample();
    const a = computeAgreement(db, projectId, 'title_abstract');
    expect(a).toMatchObject({
      votes: 'first',
      n: 12,
      categories: ['include', 'exclude'],
      table: [
        [2, 3],
        [1, 6],
      ],
      observedAgreement: close(2 / 3),
      kappa: close(3 / 11),
      scottPi: close(1 / 4),
      pabak: close(1 / 3),
      ac1: close(2 / 5),
    });
  });

  it('keeps maybe as a category of its own when a reviewer used it', () => {
    const { db, projectId } = workedExample();
    const a = computeAgreement(db, projectId, 'title_abstract', 'separate');
    expect(a).toMatchObject({
      votes: 'first',
      categories: ['include', 'maybe', 'exclude'],
      table: [
        [2, 0, 2],
        [0, 0, 1],
        [1, 0, 6],
      ],
      observedAgreement: close(2 / 3),
      kappa: close(7 / 23),
      pabak: close(1 / 2),
      ac1: close(83 / 147),
    });
  });

  it('gives the latest votes, labelled as such, only when asked', () => {
    const { db, projectId } = workedExample();
    const a = computeAgreement(db, projectId, 'title_abstract', 'as_include', 'latest');
    expect(a).toMatchObject({
      votes: 'latest',
      table: [
        [4, 1],
        [0, 7],
      ],
      observedAgreement: close(11 / 12),
      kappa: close(14 / 17),
      pabak: close(5 / 6),
      ac1: close(43 / 51),
    });
  });

  it('counts only the categories used: nobody kept "maybe", so the scale has two', () => {
    const { db, projectId } = workedExample();
    const a = computeAgreement(db, projectId, 'title_abstract', 'separate', 'latest');
    expect(a.categories).toEqual(['include', 'exclude']);
    expect(a.categoriesOffered).toEqual(['include', 'maybe', 'exclude']);
    // a fixed three-category scale would give PABAK 21/24 and AC1 131/147
    expect(a.pabak).toBeCloseTo(5 / 6, 6);
    expect(a.ac1).toBeCloseTo(43 / 51, 6);
  });

  it('answers ?votes=latest over HTTP and defaults to first votes', async () => {
    const { db, projectId, owner } = workedExample();
    const app = createApp({ db, clock });
    const { agent } = await loginAgent(app, owner.username);
    const url = `/api/projects/${projectId}/screening/title_abstract/agreement`;
    expect((await agent.get(url).expect(200)).body.votes).toBe('first');
    const latest = (await agent.get(`${url}?votes=latest&maybe=separate`).expect(200)).body;
    expect(latest).toMatchObject({ votes: 'latest', maybe: 'separate', categories: ['include', 'exclude'] });
    await agent.get(`${url}?votes=best`).expect(400);
  });

  it('says "not estimable", with the reason, instead of a zero-width interval', () => {
    const db = openTestDb();
    const p = seedScreeningProject(db, 6);
    const vote = voter(db, p);
    // a one-sided table: alice includes all three, bob includes one
    (['include', 'exclude', 'exclude'] as Vote[]).forEach((b, i) => {
      vote('alice', i, 'include');
      vote('bob', i, b);
    });
    const a = computeAgreement(db, p.projectId, 'title_abstract');
    expect(a.kappa).toBeCloseTo(0, 6);
    expect(a.kappaSE).toBeNull();
    expect(a.kappaCI95).toBeNull();
    expect(a.notEstimable.kappaCI95).toMatch(/one category/);

    // nobody has voted at full text
    const full = computeAgreement(db, p.projectId, 'full_text');
    expect(full.n).toBe(0);
    expect(full.notEstimable.kappa).toMatch(/no record/);
  });

  it('has nothing beyond chance to estimate when everyone used one category', () => {
    const db = openTestDb();
    const p = seedScreeningProject(db, 3);
    const vote = voter(db, p);
    for (const i of [0, 1, 2]) {
      vote('alice', i, 'exclude');
      vote('bob', i, 'exclude');
    }
    const a = computeAgreement(db, p.projectId, 'title_abstract');
    expect(a).toMatchObject({
      n: 3,
      categories: ['exclude'],
      percentAgreement: 100,
      kappa: null,
      pabak: null,
      ac1: null,
    });
    expect(a.notEstimable.pabak).toMatch(/only one category was used/);
  });
});
