import type { Db } from '../../../server/db/connection';
import { listClusterViews, runDedup } from '../../../server/services/dedup';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../../support/db';

/**
 * The different-DOI veto end to end (import rows in SQLite → runDedup → what is stored): two
 * records whose DOIs differ are two works, however alike the rest, and are never merged
 * automatically. Companion articles and a trial's several reports look exactly like this.
 */

const clock = () => new Date('2026-03-01T10:00:00.000Z');

const PLEURAL: SeedRecord = {
  title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection',
  authors: ['Rahman, N. M.', 'Maskell, N. A.', 'West, A.'],
  year: 2011,
  journal: 'New England Journal of Medicine',
  volume: '365',
  pages: '518-526',
};
const TALC: SeedRecord = {
  title: 'Talc pleurodesis in malignant effusion: a randomised comparison of poudrage and slurry',
  authors: ['Dresler, C. M.', 'Olak, J.'],
  year: 2005,
  journal: 'Chest',
  volume: '127',
  pages: '909-915',
};

function duplicateOf(db: Db): (number | null)[] {
  return (
    db.prepare('SELECT duplicate_of FROM records ORDER BY id').all() as { duplicate_of: number | null }[]
  ).map((r) => r.duplicate_of);
}

describe('different DOIs are never merged automatically', () => {
  let db: Db;
  let projectId: number;
  beforeEach(() => {
    db = openTestDb();
    projectId = seedProject(db);
  });
  afterEach(() => db.close());

  it('identical metadata with two DOIs goes to a reviewer, not into a merge', () => {
    const source = seedSource(db, projectId);
    const [a, b] = seedRecords(db, projectId, source, [
      { ...PLEURAL, doi: '10.1056/NEJMoa1012740' },
      { ...PLEURAL, doi: '10.1056/NEJMoa1012741' },
    ]);
    const summary = runDedup(db, projectId, clock);
    expect(summary).toMatchObject({ records: 2, duplicates: 0, mergedNow: 0, review: 1 });
    expect(duplicateOf(db)).toEqual([null, null]);
    const [cluster] = listClusterViews(db, projectId, 'review');
    expect(cluster!.records.map((r) => r.id)).toEqual([a, b]);
    expect(cluster!.evidence[0]).toMatchObject({ outcome: 'review', rule: 'veto:different-doi' });
  });

  it('two DOIs and a year apart: two works, not even a question for a reviewer', () => {
    const source = seedSource(db, projectId);
    seedRecords(db, projectId, source, [
      { ...TALC, doi: '10.1378/chest.127.3.909' },
      { ...TALC, year: 2006, doi: '10.1378/chest.129.2.400' },
    ]);
    expect(runDedup(db, projectId, clock)).toMatchObject({ records: 2, duplicates: 0, review: 0 });
    expect(duplicateOf(db)).toEqual([null, null]);
  });

  it('one DOI in two cases is one work: the veto compares DOIs, not their spelling', () => {
    const source = seedSource(db, projectId);
    const [a, b] = seedRecords(db, projectId, source, [
      { ...PLEURAL, doi: '10.1056/NEJMoa1012740' },
      { ...PLEURAL, doi: '10.1056/nejmoa1012740' },
    ]);
    expect(runDedup(db, projectId, clock)).toMatchObject({ duplicates: 1 });
    expect([
      [null, a],
      [b, null],
    ]).toContainEqual(duplicateOf(db));
  });
});
