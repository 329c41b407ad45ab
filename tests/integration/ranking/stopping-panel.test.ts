import { dedupSummary, runDedup } from '../../../server/services/dedup';
import { projectStoppingReport, type RankingDecision } from '../../../server/services/ranking';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../../support/db';

/**
 * The stopping panel of issue 13, on the worked example of docs/notes/ranking.md ("The
 * stopping panel, by hand"): it counts only the records still in the stage, shows the numbers
 * it used, and never says a recall target is met before anything relevant was found.
 */
const clock = () => new Date('2026-03-01T12:00:00.000Z');

const work = (i: number): SeedRecord => ({
  title: `Distinct study number ${i} about topic ${'abcdefghijklmnop'[i]}`,
  doi: `10.7777/stop.${i}`,
  year: 2010 + i,
  authors: [`Person${i}, P`],
});

/** A project with `records` in one database source. */
function project(records: SeedRecord[]) {
  const db = openTestDb();
  const projectId = seedProject(db);
  return { db, projectId, ids: seedRecords(db, projectId, seedSource(db, projectId), records) };
}

/** Ten records in the stage, and two copies that deduplication merges into records 1 and 2. */
function review() {
  const { db, projectId, ids } = project(Array.from({ length: 10 }, (_, i) => work(i)));
  seedRecords(db, projectId, seedSource(db, projectId, { name: 'PubMed' }), [work(0), work(1)]);
  runDedup(db, projectId, clock);
  expect(dedupSummary(db, projectId).duplicates).toBe(2);
  return { db, projectId, ids };
}

describe('the stopping panel', () => {
  it('counts only records still in the stage and shows the numbers behind the test', () => {
    const { db, projectId, ids } = review();
    // screened in this order: 2 relevant, then 4 excludes; a stale decision on a merged copy is left out
    const order: RankingDecision[] = [
      { recordId: ids[0]!, label: 1 },
      { recordId: ids[1]!, label: 1 },
      ...ids.slice(2, 6).map((recordId) => ({ recordId, label: 0 as const })),
    ];
    const duplicateIds = (
      db.prepare('SELECT id FROM records WHERE duplicate_of IS NOT NULL').all() as { id: number }[]
    ).map((r) => r.id);
    const report = projectStoppingReport(db, projectId, () => [
      ...order,
      { recordId: duplicateIds[0]!, label: 0 },
    ]);
    expect(report).toMatchObject({
      totalRecords: 10,
      duplicatesLeftOut: 2,
      screened: 6,
      unscreened: 4,
      relevantFound: 2,
    });
    // window of the last 4 (no relevant); K_tar = ⌊2/0.95 − 2 + 1⌋ = 1; pool 4 + 4 = 8;
    // p = C(7,4)/C(8,4) = 35/70
    expect(report.hypergeometric).toMatchObject({
      window: 4,
      relevantInWindow: 0,
      pool: 8,
      targetRelevant: 1,
      met: false,
      reason: null,
    });
    expect(report.hypergeometric.pValue).toBeCloseTo(0.5, 6);
    expect(report.relevantLeft.recentRate).toBeCloseTo(2.5 / 7, 6);
    expect(report.relevantLeft.estimate).toBeCloseTo(10 / 7, 6);
  });

  it('never says a recall target is met when nothing relevant has been found', () => {
    const { db, projectId, ids } = project(Array.from({ length: 41 }, (_, i) => ({ title: `Record ${i}` })));
    // 40 excludes, 1 record left: "0 of 1 relevant in 40 draws from 41" has p = 1/41 < 0.05
    const report = projectStoppingReport(
      db,
      projectId,
      () => ids.slice(0, 40).map((recordId) => ({ recordId, label: 0 })),
      {
        recallTarget: 0.95,
        confidence: 0.95,
        consecutiveExcludes: 40,
        window: 100,
      },
    );
    expect(report.relevantFound).toBe(0);
    expect(report.hypergeometric.pValue).toBeCloseTo(1 / 41, 6);
    expect(report.hypergeometric.met).toBe(false);
    expect(report.hypergeometric.reason).toMatch(/no relevant record/);
    expect(report.consecutive.met).toBe(false);
    expect(report.consecutive.reason).toMatch(/no relevant record/);
  });
});
