import { createApp } from '../../../server/app';
import { computeAgreement, decide } from '../../../server/services/screening';
import type { Vote } from '../../../server/domain/screening/types';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/**
 * Agreement from independent judgements (issue 13), on the worked example of
 * docs/notes/screening.md ("Agreement: first votes and latest votes"), voted through the
 * real service. Alice votes first on every record; after discussion three votes change.
 */
const clock = () => new Date('2026-05-04T08:00:00Z');

function workedExample() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 12);
  const deps = { db, clock };
  const vote = (who: 'alice' | 'bob', index: number, decision: Vote) =>
    decide(
      deps,
      p.projectId,
      { userId: p[who].userId, role: 'reviewer' },
      {
        recordId: p.recordIds[index - 1]!,
        stage: 'title_abstract',
        decision,
      },
    );
  const first: [Vote, Vote][] = [
    ['include', 'include'],
    ['include', 'include'],
    ['include', 'exclude'],
    ['exclude', 'include'],
    ['maybe', 'exclude'],
    ['include', 'exclude'],
    ...Array.from({ length: 6 }, (): [Vote, Vote] => ['exclude', 'exclude']),
  ];
  first.forEach(([a, b], i) => {
    vote('alice', i + 1, a);
    vote('bob', i + 1, b);
  });
  // after discussion: records 3, 4 and 5 now agree
  vote('bob', 3, 'include');
  vote('alice', 4, 'include');
  vote('alice', 5, 'exclude');
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
    const deps = { db, clock };
    const vote = (who: 'alice' | 'bob', index: number, decision: Vote) =>
      decide(
        deps,
        p.projectId,
        { userId: p[who].userId, role: 'reviewer' },
        {
          recordId: p.recordIds[index]!,
          stage: 'title_abstract',
          decision,
        },
      );
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

    // both exclude everything: one category used, nothing beyond chance to estimate
    for (const i of [3, 4, 5]) {
      vote('alice', i, 'exclude');
      vote('bob', i, 'exclude');
    }
    const full = computeAgreement(db, p.projectId, 'full_text');
    expect(full.n).toBe(0);
    expect(full.notEstimable.kappa).toMatch(/no record/);
  });
});
