import type { Db } from '../../../server/db/connection';
import { listProjects } from '../../../server/db/repos/projects';
import { countRecords, countRecordsBySource } from '../../../server/db/repos/records';
import { listRecords } from '../../../server/db/repos/record-query';
import { listSources } from '../../../server/db/repos/sources';
import {
  buildDemo,
  DEMO_PROJECT,
  DEMO_STEPS,
  ensureDemo,
  type DemoStep,
} from '../../../server/services/demo';
import { openTestDb } from '../../support/db';

const clock = () => new Date('2026-06-01T00:00:00Z');

describe('the demo review', () => {
  // Building the demo imports six files; the two tests that only read it share one build.
  let db: Db;
  let first: { projectId: number; built: boolean };
  beforeAll(() => {
    db = openTestDb();
    first = ensureDemo({ db, clock });
  });

  it('holds the 78 micro-credentials records in six sources of two kinds', () => {
    const { projectId } = first;
    expect(listProjects(db).map((p) => p.name)).toEqual([DEMO_PROJECT.name]);
    const sources = listSources(db, projectId);
    expect(sources.map((s) => [s.name, s.kind, s.recordCount])).toEqual([
      ['OUCI (Crossref metadata index)', 'database', 6],
      ['ERIC', 'database', 3],
      ['DOAJ', 'database', 3],
      ['Library catalogues and discovery services', 'database', 13],
      ['Publisher and repository platforms', 'database', 51],
      ['Citation searching (reading lists)', 'other', 2],
    ]);
    expect(sources.map((s) => s.format)).toEqual(['ris', 'ris', 'ris', 'csv', 'ris', 'ris']);
    expect(countRecords(db, projectId)).toBe(78);
    const counted = countRecordsBySource(db, projectId);
    expect(sources.every((s) => counted.get(s.id) === s.recordCount)).toBe(true);
    // The MCE deliverable (record 1 of the corpus) and the CSV rows keep their titles and DOIs.
    expect(listRecords(db, projectId, { q: 'D2.2 Learner preferences' }).total).toBe(1);
    const catalogue = listRecords(db, projectId, { sourceId: sources[3]!.id }).items[0]!;
    expect(catalogue).toMatchObject({
      doi: '10.1186/s41239-023-00381-x',
      authors: ['Varadarajan, Soovendran', 'Koh, Joyce Hwee Ling', 'Daniel, Ben Kei'],
    });
  });

  it('ensureDemo builds once and then reuses the demo', () => {
    const second = ensureDemo({ db, clock });
    expect(first.built).toBe(true);
    expect(second).toEqual({ projectId: first.projectId, built: false });
    expect(countRecords(db, first.projectId)).toBe(78);
  });

  it('a failing step leaves no half-built demo', () => {
    const empty = openTestDb();
    const broken: DemoStep = {
      name: 'fails',
      run() {
        throw new Error('step failed');
      },
    };
    expect(() => buildDemo({ db: empty, clock }, { steps: [...DEMO_STEPS, broken] })).toThrow('step failed');
    expect(listProjects(empty)).toEqual([]);
    expect((empty.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0);
  });
});
