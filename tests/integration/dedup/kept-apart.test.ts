import type { Db } from '../../../server/db/connection';
import { ConflictError } from '../../../server/domain/errors';
import { decideCluster, listClusterViews, runDedup, undoDecision } from '../../../server/services/dedup';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../../support/db';
import { JMIS_EDITORIAL_34_2, JMIS_EDITORIAL_34_3 } from '../../support/dedup';

const clock = () => new Date('2026-03-01T10:00:00.000Z');

const EDITORIAL_34_2: SeedRecord = JMIS_EDITORIAL_34_2;
const EDITORIAL_34_3: SeedRecord = JMIS_EDITORIAL_34_3;

describe('records a veto kept apart', () => {
  let db: Db;
  let projectId: number;
  beforeEach(() => {
    db = openTestDb();
    projectId = seedProject(db);
  });
  afterEach(() => db.close());

  it("merges the index copies of one editorial, keeps the next issue's editorial apart and shows why", () => {
    const scopus = seedSource(db, projectId, { name: 'Scopus' });
    const wos = seedSource(db, projectId, { name: 'Web of Science' });
    const [a, b] = seedRecords(db, projectId, scopus, [EDITORIAL_34_2, EDITORIAL_34_3]);
    const [c] = seedRecords(db, projectId, wos, [
      { ...EDITORIAL_34_2, title: 'EDITORIAL INTRODUCTION', authors: ['Zwass, V'] },
    ]);

    const summary = runDedup(db, projectId, clock);
    expect(summary).toMatchObject({ duplicates: 1, clusters: 1, review: 0, keptApartNow: 1 });
    const [merged] = listClusterViews(db, projectId, 'merged');
    expect(merged!.records.map((r) => r.id)).toEqual([a, c]);

    const [kept] = listClusterViews(db, projectId, 'not-duplicate');
    expect(kept!.records.map((r) => r.id)).toEqual([a, b, c]);
    expect(kept!.rule).toBe('veto:issue-differs');
    expect(kept!.decisions).toEqual([]);
    const pair = kept!.evidence.find((e) => e.a === a && e.b === b)!;
    expect(pair.outcome).toBe('distinct');
    expect(pair.vetoes).toEqual([
      { name: 'issue-differs', detail: 'issue 2 vs 3' },
      { name: 'pages-disjoint', detail: 'pages 307-309 vs 627-629' },
      {
        name: 'series-title',
        detail: 'a generic or series title: needs the same issue and pages, or a shared DOI',
      },
    ]);
  });

  it('lets a reviewer overrule the veto by merging, and undo that merge', () => {
    const source = seedSource(db, projectId);
    const [a, b] = seedRecords(db, projectId, source, [EDITORIAL_34_2, EDITORIAL_34_3]);
    runDedup(db, projectId, clock);
    const [kept] = listClusterViews(db, projectId, 'not-duplicate');
    expect(() => undoDecision(db, projectId, kept!.id, null, clock)).toThrow(ConflictError);

    const merged = decideCluster(db, projectId, kept!.id, { decision: 'merge', primaryId: a }, null, clock);
    expect(merged.status).toBe('merged');
    expect(merged.records.find((r) => r.id === b)!.duplicateOf).toBe(a);
    const undone = undoDecision(db, projectId, kept!.id, null, clock);
    expect(undone.status).toBe('not-duplicate');
    expect(undone.records.find((r) => r.id === b)!.duplicateOf).toBeNull();
  });

  it('does not open the kept-apart pair again in a later run, and compares a new copy with both', () => {
    const scopus = seedSource(db, projectId, { name: 'Scopus' });
    const [a, b] = seedRecords(db, projectId, scopus, [EDITORIAL_34_2, EDITORIAL_34_3]);
    runDedup(db, projectId, clock);
    const later = seedSource(db, projectId, { name: 'EBSCO' });
    const [c] = seedRecords(db, projectId, later, [{ ...EDITORIAL_34_3, journal: 'J Manage Inform Syst' }]);

    const summary = runDedup(db, projectId, clock);
    expect(summary).toMatchObject({ newRecords: 1, duplicates: 1, clusters: 1 });
    const [merged] = listClusterViews(db, projectId, 'merged');
    expect(merged!.records.map((r) => r.id)).toEqual([b, c]);
    // One kept-apart cluster from each run: the first pair, then the new copy against the other issue.
    const kept = listClusterViews(db, projectId, 'not-duplicate');
    expect(kept.map((k) => k.records.map((r) => r.id))).toEqual([
      [a, b],
      [a, c],
    ]);
  });
});
