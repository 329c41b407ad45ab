import type { Db } from '../../../server/db/connection';
import { ConflictError, NotFoundError, ValidationError } from '../../../server/domain/errors';
import {
  clusterView,
  decideCluster,
  listClusterViews,
  runDedup,
  undoDecision,
} from '../../../server/services/dedup';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../../support/db';

const clock = () => new Date('2026-03-01T10:00:00.000Z');

const PLEURAL: SeedRecord = {
  title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection',
  authors: ['Rahman, N. M.', 'Maskell, N. A.', 'West, A.'],
  year: 2011,
  journal: 'New England Journal of Medicine',
  volume: '365',
  pages: '518-526',
};
const COLCHICINE: SeedRecord = {
  title: 'Colchicine prevents early postoperative pericardial and pleural effusions',
  authors: ['Imazio, M.', 'Brucato, A.'],
  year: 2011,
  journal: 'American Heart Journal',
  volume: '162',
  pages: '527-532',
};
const TALC: SeedRecord = {
  title: 'Talc pleurodesis in malignant effusion',
  authors: ['Dresler, C. M.'],
  year: 2005,
  journal: 'Chest',
  volume: '127',
  pages: '909-915',
};

function duplicateOf(db: Db): Record<number, number | null> {
  const rows = db.prepare('SELECT id, duplicate_of FROM records ORDER BY id').all() as {
    id: number;
    duplicate_of: number | null;
  }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.duplicate_of]));
}

describe('runDedup()', () => {
  let db: Db;
  let projectId: number;
  beforeEach(() => {
    db = openTestDb();
    projectId = seedProject(db);
  });
  afterEach(() => db.close());

  it('merges certain duplicates across sources, keeps every record and its source, and reports the counts', () => {
    const scopus = seedSource(db, projectId, { name: 'Scopus' });
    const medline = seedSource(db, projectId, { name: 'MEDLINE' });
    const [a, b] = seedRecords(db, projectId, scopus, [PLEURAL, TALC]);
    const [c] = seedRecords(db, projectId, medline, [
      {
        ...PLEURAL,
        title: PLEURAL.title!.toUpperCase(),
        journal: 'N Engl J Med',
        abstract: 'Background: pleural infection…',
      },
    ]);

    const summary = runDedup(db, projectId, clock);

    expect(summary).toMatchObject({
      records: 3,
      duplicates: 1,
      clusters: 1,
      review: 0,
      newRecords: 3,
      mergedNow: 1,
    });
    // The record with an abstract is the more complete one and becomes primary.
    expect(duplicateOf(db)).toEqual({ [a!]: c, [b!]: null, [c!]: null });
    const [cluster] = listClusterViews(db, projectId, 'merged');
    expect(cluster!.records.map((r) => r.sourceName).sort()).toEqual(['MEDLINE', 'Scopus']);
    expect(cluster!.evidence[0]).toMatchObject({
      outcome: 'duplicate',
      similarities: expect.objectContaining({ title: 1 }),
    });
    expect(cluster!.merged!.record.id).toBe(c);
    expect(cluster!.decisions).toEqual([
      expect.objectContaining({ decision: 'auto-merge', userId: null, undone: false }),
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 3 });
  });

  it('deduplicates a later import against earlier records, screened ones keeping their place as primary', () => {
    const first = seedSource(db, projectId, { name: 'Search 2024' });
    const [oldPleural, oldColchicine] = seedRecords(db, projectId, first, [PLEURAL, COLCHICINE]);
    expect(runDedup(db, projectId, clock)).toMatchObject({ duplicates: 0, clusters: 0 });

    const update = seedSource(db, projectId, { name: 'Update 2025' });
    const [newPleural, newColchicine, newTalc] = seedRecords(db, projectId, update, [
      { ...PLEURAL, doi: '10.1056/nejmoa1012740', abstract: 'A longer record from the update.' },
      { ...COLCHICINE, journal: 'Am Heart J' },
      TALC,
    ]);
    const screened = new Set([oldPleural!, oldColchicine!]);
    const summary = runDedup(db, projectId, clock, { isScreened: (id) => screened.has(id) });

    expect(summary).toMatchObject({ records: 5, duplicates: 2, clusters: 2, newRecords: 3 });
    expect(duplicateOf(db)).toEqual({
      [oldPleural!]: null,
      [oldColchicine!]: null,
      [newPleural!]: oldPleural,
      [newColchicine!]: oldColchicine,
      [newTalc!]: null,
    });
    // The merged view still offers the newer record's DOI and longer abstract.
    const pleuralCluster = listClusterViews(db, projectId, 'merged').find(
      (c) => c.primaryRecordId === oldPleural,
    )!;
    expect(pleuralCluster.merged!.record.doi).toBe('10.1056/nejmoa1012740');
    expect(pleuralCluster.merged!.filledFrom).toMatchObject({ doi: newPleural, abstract: newPleural });

    // Nothing new: a third run compares nothing and changes nothing.
    expect(runDedup(db, projectId, clock)).toMatchObject({ newRecords: 0, comparisons: 0, duplicates: 2 });
  });

  it('extends an earlier cluster when a later import brings another copy', () => {
    const s1 = seedSource(db, projectId);
    const [a, b] = seedRecords(db, projectId, s1, [PLEURAL, { ...PLEURAL, journal: 'N Engl J Med' }]);
    runDedup(db, projectId, clock);
    const [c] = seedRecords(db, projectId, seedSource(db, projectId, { name: 'Embase' }), [
      { ...PLEURAL, title: `${PLEURAL.title}.` },
    ]);
    const summary = runDedup(db, projectId, clock);
    expect(summary).toMatchObject({ duplicates: 2, clusters: 1 });
    const [cluster] = listClusterViews(db, projectId, 'merged');
    expect(cluster!.records.map((r) => r.id)).toEqual([a, b, c]);
    expect(cluster!.decisions.map((d) => d.decision)).toEqual(['auto-merge', 'auto-merge']);
  });

  it('refuses an unknown project', () => {
    expect(() => runDedup(db, 999, clock)).toThrow(NotFoundError);
  });

  // The different-DOI veto end to end (rows in SQLite → runDedup → what is stored): two records
  // whose DOIs differ are two works, however alike the rest, and are never merged automatically.
  // Companion articles and a trial's several reports look exactly like this.
  it('identical metadata with two DOIs goes to a reviewer, not into a merge', () => {
    const [a, b] = seedRecords(db, projectId, seedSource(db, projectId), [
      { ...PLEURAL, doi: '10.1056/NEJMoa1012740' },
      { ...PLEURAL, doi: '10.1056/NEJMoa1012741' },
    ]);
    expect(runDedup(db, projectId, clock)).toMatchObject({
      records: 2,
      duplicates: 0,
      mergedNow: 0,
      review: 1,
    });
    expect(duplicateOf(db)).toEqual({ [a!]: null, [b!]: null });
    const [cluster] = listClusterViews(db, projectId, 'review');
    expect(cluster!.records.map((r) => r.id)).toEqual([a, b]);
    expect(cluster!.evidence[0]).toMatchObject({ outcome: 'review', rule: 'veto:different-doi' });
  });

  it('two DOIs and a year apart: two works, not even a question for a reviewer', () => {
    const [a, b] = seedRecords(db, projectId, seedSource(db, projectId), [
      { ...TALC, doi: '10.1378/chest.127.3.909' },
      { ...TALC, year: 2006, doi: '10.1378/chest.129.2.400' },
    ]);
    expect(runDedup(db, projectId, clock)).toMatchObject({ records: 2, duplicates: 0, review: 0 });
    expect(duplicateOf(db)).toEqual({ [a!]: null, [b!]: null });
  });

  it('one DOI in two cases is one work: the veto compares DOIs, not their spelling', () => {
    const [a, b] = seedRecords(db, projectId, seedSource(db, projectId), [
      { ...PLEURAL, doi: '10.1056/NEJMoa1012740' },
      { ...PLEURAL, doi: '10.1056/nejmoa1012740' },
    ]);
    expect(runDedup(db, projectId, clock)).toMatchObject({ duplicates: 1 });
    expect([
      { [a!]: null, [b!]: a },
      { [a!]: b, [b!]: null },
    ]).toContainEqual(duplicateOf(db));
  });
});

describe('decideCluster() and undoDecision()', () => {
  let db: Db;
  let projectId: number;
  let reviewer: number;
  beforeEach(() => {
    db = openTestDb();
    projectId = seedProject(db);
    reviewer = Number(
      db
        .prepare(
          "INSERT INTO users (username, password_hash, created_at, password_changed_at) VALUES ('rita', 'x', 'now', 'now')",
        )
        .run().lastInsertRowid,
    );
  });
  afterEach(() => db.close());

  /** Two records everything says are one, except pages that disagree: an uncertain pair. */
  function seedUncertainPair(): number[] {
    const source = seedSource(db, projectId);
    return seedRecords(db, projectId, source, [
      PLEURAL,
      { ...PLEURAL, volume: null, pages: '2205-2210' },
      TALC,
    ]);
  }

  it('queues an uncertain pair for review, with evidence and the differing fields', () => {
    seedUncertainPair();
    const summary = runDedup(db, projectId, clock);
    expect(summary).toMatchObject({ duplicates: 0, clusters: 0, review: 1 });
    const [cluster] = listClusterViews(db, projectId, 'review');
    // Everything agrees but the page ranges, which do not overlap: a veto sends the pair to a reviewer.
    expect(cluster!.rule).toBe('veto:pages-disjoint');
    expect(cluster!.evidence[0]!.vetoes).toEqual([
      { name: 'pages-disjoint', detail: 'pages 518-526 vs 2205-2210' },
    ]);
    expect(cluster!.differingFields).toEqual(['pages']);
    expect(cluster!.records).toHaveLength(2);
  });

  it('merge then undo then not-duplicate: every step is logged and reversible, and a re-run respects the last word', () => {
    const [a, b] = seedUncertainPair();
    runDedup(db, projectId, clock);
    const clusterId = listClusterViews(db, projectId, 'review')[0]!.id;

    const merged = decideCluster(
      db,
      projectId,
      clusterId,
      { decision: 'merge', primaryId: b },
      reviewer,
      clock,
    );
    expect(merged).toMatchObject({ status: 'merged', primaryRecordId: b });
    expect(duplicateOf(db)[a!]).toBe(b);

    const undone = undoDecision(db, projectId, clusterId, reviewer, clock);
    expect(undone).toMatchObject({ status: 'review', primaryRecordId: null });
    expect(duplicateOf(db)[a!]).toBeNull();

    const apart = decideCluster(db, projectId, clusterId, { decision: 'not-duplicate' }, reviewer, clock);
    expect(apart.status).toBe('not-duplicate');
    expect(apart.decisions.map((d) => [d.decision, d.username, d.undone])).toEqual([
      ['merge', 'rita', true],
      ['undo', 'rita', false],
      ['not-duplicate', 'rita', false],
    ]);

    // A later import with a third copy must not pull the two apart records together.
    seedRecords(db, projectId, seedSource(db, projectId, { name: 'Embase' }), [
      { ...PLEURAL, journal: 'N Engl J Med' },
    ]);
    runDedup(db, projectId, clock);
    const cluster = listClusterViews(db, projectId, 'merged').find((c) => c.records.some((r) => r.id === a));
    expect(cluster?.records.some((r) => r.id === b) ?? false).toBe(false);
  });

  it('undoing an automatic merge hands the cluster to a reviewer and clears duplicate_of', () => {
    const source = seedSource(db, projectId);
    const [a, b] = seedRecords(db, projectId, source, [PLEURAL, { ...PLEURAL, journal: 'N Engl J Med' }]);
    runDedup(db, projectId, clock);
    const clusterId = listClusterViews(db, projectId, 'merged')[0]!.id;
    expect(Object.values(duplicateOf(db)).filter((v) => v !== null)).toHaveLength(1);

    const view = undoDecision(db, projectId, clusterId, reviewer, clock);
    expect(view.status).toBe('review');
    expect(duplicateOf(db)).toEqual({ [a!]: null, [b!]: null });
    expect(() => undoDecision(db, projectId, clusterId, reviewer, clock)).toThrow(ConflictError);
  });

  it('a reviewer merge folds in a merged cluster that shares a record, and undo restores both', () => {
    const source = seedSource(db, projectId);
    const [a, b, c] = seedRecords(db, projectId, source, [
      PLEURAL,
      { ...PLEURAL, journal: 'N Engl J Med' },
      { ...PLEURAL, volume: null, pages: '2205-2210' },
    ]);
    runDedup(db, projectId, clock);
    const auto = listClusterViews(db, projectId, 'merged')[0]!;
    const review = listClusterViews(db, projectId, 'review')[0]!;
    expect(auto.records.map((r) => r.id)).toEqual([a, b]);
    expect(review.records.map((r) => r.id)).toContain(c);

    const merged = decideCluster(db, projectId, review.id, { decision: 'merge' }, reviewer, clock);
    expect(merged.records.map((r) => r.id)).toEqual([a, b, c]);
    expect(merged.primaryRecordId).toBe(auto.primaryRecordId);
    expect(clusterView(db, projectId, auto.id).status).toBe('absorbed');
    const primary = auto.primaryRecordId!;
    expect(Object.entries(duplicateOf(db)).filter(([, v]) => v === primary)).toHaveLength(2);

    undoDecision(db, projectId, review.id, reviewer, clock);
    expect(clusterView(db, projectId, auto.id)).toMatchObject({ status: 'merged', primaryRecordId: primary });
    expect(clusterView(db, projectId, review.id).status).toBe('review');
    expect(duplicateOf(db)[c!]).toBeNull();
    expect(Object.entries(duplicateOf(db)).filter(([, v]) => v === primary)).toHaveLength(1);
  });

  it('a refused decision changes nothing', () => {
    seedUncertainPair();
    runDedup(db, projectId, clock);
    const clusterId = listClusterViews(db, projectId, 'review')[0]!.id;
    const before = JSON.stringify([duplicateOf(db), clusterView(db, projectId, clusterId)]);
    expect(() =>
      decideCluster(db, projectId, clusterId, { decision: 'merge', primaryId: 999 }, reviewer, clock),
    ).toThrow(ValidationError);
    expect(() => decideCluster(db, projectId, 12345, { decision: 'merge' }, reviewer, clock)).toThrow(
      NotFoundError,
    );
    expect(() => undoDecision(db, projectId, clusterId, reviewer, clock)).toThrow(ConflictError);
    expect(JSON.stringify([duplicateOf(db), clusterView(db, projectId, clusterId)])).toBe(before);
  });

  it("does not show one project's clusters to another", () => {
    seedUncertainPair();
    runDedup(db, projectId, clock);
    const clusterId = listClusterViews(db, projectId, 'review')[0]!.id;
    const other = seedProject(db, 'Other review');
    expect(() => clusterView(db, other, clusterId)).toThrow(NotFoundError);
    expect(listClusterViews(db, other, 'all')).toEqual([]);
  });
});

describe('runDedup() with screening decisions in the database', () => {
  it('keeps a record that was already screened as the primary, even when a newer copy is more complete', () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const userId = Number(
      db
        .prepare(
          "INSERT INTO users (username, password_hash, created_at, password_changed_at) VALUES ('sam', 'x', 'now', 'now')",
        )
        .run().lastInsertRowid,
    );
    const [screened] = seedRecords(db, projectId, seedSource(db, projectId), [PLEURAL]);
    db.prepare(
      `INSERT INTO screening_events (project_id, record_id, stage, user_id, kind, decision, created_at)
       VALUES (?, ?, 'title_abstract', ?, 'vote', 'include', 'now')`,
    ).run(projectId, screened, userId);
    runDedup(db, projectId, clock);
    const [richer] = seedRecords(db, projectId, seedSource(db, projectId, { name: 'Update' }), [
      { ...PLEURAL, doi: '10.1056/nejmoa1012740', abstract: 'Much more complete.' },
    ]);
    runDedup(db, projectId, clock);
    expect(duplicateOf(db)).toEqual({ [screened!]: null, [richer!]: screened });
    db.close();
  });
});
