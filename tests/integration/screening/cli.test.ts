import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connection';
import * as screening from '../../../server/services/screening';
import { sift, tempDir } from '../../support/cli';
import { seedScreeningProject } from '../../support/screening';

async function run(argv: string[]) {
  const { code, stdout, stderr } = await sift(argv);
  return { code, out: stdout, err: stderr };
}

describe('sift screening status / sift agreement', () => {
  const dir = tempDir('sift-cli-');
  const file = path.join(dir, 'review.sqlite');
  const db = openDatabase(file);
  const p = seedScreeningProject(db, 5, 'CLI review');
  const deps = { db, clock: () => new Date('2026-03-01T00:00:00Z') };
  const votes: [string, string][] = [
    ['include', 'include'],
    ['exclude', 'exclude'],
    ['include', 'exclude'],
    ['exclude', 'maybe'],
  ];
  votes.forEach(([a, b], i) => {
    screening.decide(deps, p.projectId, p.alice, {
      recordId: p.recordIds[i]!,
      stage: 'title_abstract',
      decision: a as 'include',
    });
    screening.decide(deps, p.projectId, p.bob, {
      recordId: p.recordIds[i]!,
      stage: 'title_abstract',
      decision: b as 'include',
    });
  });
  screening.resolve(deps, p.projectId, p.owner, {
    recordId: p.recordIds[3]!,
    stage: 'title_abstract',
    decision: 'exclude',
    reason: 'Editorial',
  });
  db.close();

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('screening status --json gives the counts per stage and the exclusion reasons', async () => {
    const { code, out } = await run(['screening', 'status', '--db', file, '--json']);
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body).toMatchObject({
      project: 'CLI review',
      titleAbstract: {
        total: 5,
        screened: 4,
        included: 1,
        excluded: 2,
        conflicts: 1,
        resolved: 1,
        awaiting: 1,
        exclusionReasons: [
          { reason: '(no reason given)', count: 1 },
          { reason: 'Editorial', count: 1 },
        ],
      },
      fullText: {
        total: 0,
        reportsSought: 1,
        reportsNotRetrieved: 0,
        reportsAwaitingRetrieval: 1,
        reportsAssessed: 0,
      },
      included: { reports: 0, studies: 0 },
    });
  });

  it('screening status prints a table by default', async () => {
    const { code, out } = await run(['screening', 'status', '--db', file, '--project', 'CLI review']);
    expect(code).toBe(0);
    expect(out).toMatch(/title\/abstract\s+5\s+4\s+1\s+2\s+1\s+1/);
  });

  it('agreement --json for one stage has the contract fields', async () => {
    const { code, out } = await run(['agreement', '--db', file, '--stage', 'title_abstract', '--json']);
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body).toMatchObject({
      project: 'CLI review',
      stage: 'title_abstract',
      n: 4,
      percentAgreement: 50,
      table: [
        [1, 1],
        [1, 1],
      ],
    });
    // By hand: every margin is .5, so po = pe = .5 and kappa = PABAK = AC1 = 0.
    // SE (Fleiss, Cohen & Everitt 1969): the diagonal terms vanish (1 − (.5+.5)(1−0) = 0);
    // off-diagonal 1·(.25·1² + .25·1²) = .5; minus (0 − .5)² = .25; variance = .25 / (4·.25) → SE = .5.
    // Krippendorff's alpha: 8 values (4 and 4), 4 coincide: 1 − 7·(8−4)/(64−16−16) = 1/8.
    expect(body).toMatchObject({
      kappa: expect.closeTo(0, 6),
      kappaSE: expect.closeTo(0.5, 6),
      kappaCI95: [expect.closeTo(-0.979981992, 6), expect.closeTo(0.979981992, 6)],
      pabak: expect.closeTo(0, 6),
      ac1: expect.closeTo(0, 6),
      alpha: expect.closeTo(0.125, 6),
      interpretation: 'slight',
    });
  });

  it('agreement without --stage reports both stages in text', async () => {
    const { code, out } = await run(['agreement', '--db', file]);
    expect(code).toBe(0);
    expect(out).toContain('Title/abstract: 4 records with two votes');
    expect(out).toContain("votes: each reviewer's first vote on a record");
    expect(out).toContain('Full text: 0 records');
    // nobody voted at full text: every statistic is "not estimable", with the reason
    expect(out).toContain('percent agreement   not estimable');
    expect(out).toContain('not estimable: no record was judged by both reviewers');
    expect(out).not.toContain('n/a');
  });

  it('agreement --votes latest is labelled as the latest votes', async () => {
    const { code, out } = await run([
      'agreement',
      '--db',
      file,
      '--stage',
      'title_abstract',
      '--votes',
      'latest',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ votes: 'latest', n: 4 });
    const first = JSON.parse(
      (await run(['agreement', '--db', file, '--stage', 'title_abstract', '--json'])).out,
    );
    expect(first.votes).toBe('first');
    const text = await run(['agreement', '--db', file, '--stage', 'title_abstract', '--votes', 'latest']);
    expect(text.out).toContain("each reviewer's latest vote");
  });

  it.each([
    [['agreement', '--db', file, '--stage', 'abstract'], /--stage must be/],
    [['agreement', '--db', file, '--votes', 'best'], /--votes must be first or latest/],
    [['screening', 'status', '--db', file, '--project', 'Nope'], /no project named "Nope"/],
    [['screening', 'count', '--db', file], /usage: sift screening status/],
  ])('refuses %j with a clear message', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
  });
});
