import {
  createProject,
  findProjectByName,
  getProject,
  listProjects,
  updateProject,
} from '../../../server/db/repos/projects';
import {
  countRecords,
  countRecordsBySource,
  getRecord,
  insertRecords,
  iterateRecords,
} from '../../../server/db/repos/records';
import { listRecords } from '../../../server/db/repos/record-query';
import { findSourceByHash, getSource, insertSource, listSources } from '../../../server/db/repos/sources';
import { ConflictError, NotFoundError } from '../../../server/domain/errors';
import { emptyRecord, type BibRecord } from '../../../server/domain/import/types';
import { openTestDb, seedProject, seedSource } from '../../support/db';

const NOW = new Date('2026-03-04T05:06:07Z');

function record(fields: Partial<BibRecord>): BibRecord {
  return { ...emptyRecord(), ...fields };
}

describe('projects repository', () => {
  it('creates, finds by name, lists and renames projects', () => {
    const db = openTestDb();
    const a = createProject(db, { name: 'Micro-credentials', description: 'learners' }, NOW);
    createProject(db, { name: 'Second' }, NOW);
    expect(a).toEqual({
      id: a.id,
      name: 'Micro-credentials',
      description: 'learners',
      settings: {},
      createdAt: NOW.toISOString(),
    });
    expect(findProjectByName(db, 'Second')?.name).toBe('Second');
    expect(listProjects(db).map((p) => p.name)).toEqual(['Micro-credentials', 'Second']);
    expect(updateProject(db, a.id, { name: 'Renamed' })).toMatchObject({
      name: 'Renamed',
      description: 'learners',
    });
  });

  it('refuses a second project with the same name, on create and on rename', () => {
    const db = openTestDb();
    createProject(db, { name: 'A' }, NOW);
    const b = createProject(db, { name: 'B' }, NOW);
    expect(() => createProject(db, { name: 'A' }, NOW)).toThrow(ConflictError);
    expect(() => updateProject(db, b.id, { name: 'A' })).toThrow(ConflictError);
  });

  it('getProject of an unknown id is NotFound', () => {
    expect(() => getProject(openTestDb(), 99)).toThrow(NotFoundError);
  });
});

describe('sources repository', () => {
  it('stores provenance and warnings and finds a source by file hash within its project only', () => {
    const db = openTestDb();
    const p1 = seedProject(db, 'one');
    const p2 = seedProject(db, 'two');
    const source = insertSource(db, {
      projectId: p1,
      name: 'ERIC',
      kind: 'database',
      searchDate: '2026-02-01',
      searchString: 'microcredential* AND learner*',
      fileName: 'eric.ris',
      fileHash: 'abc',
      format: 'ris',
      encoding: 'utf-8',
      recordCount: 2,
      warnings: [{ line: 3, record: 1, message: 'odd' }],
      importedAt: NOW.toISOString(),
    });
    expect(getSource(db, p1, source.id)).toEqual(source);
    expect(source.warnings).toEqual([{ line: 3, record: 1, message: 'odd' }]);
    expect(findSourceByHash(db, p1, 'abc')?.id).toBe(source.id);
    expect(findSourceByHash(db, p2, 'abc')).toBeUndefined();
    expect(() => getSource(db, p2, source.id)).toThrow(NotFoundError);
    expect(listSources(db, p1)).toHaveLength(1);
  });
});

describe('records repository', () => {
  function seeded() {
    const db = openTestDb();
    const projectId = seedProject(db);
    const s1 = seedSource(db, projectId, { name: 'Scopus' });
    const s2 = seedSource(db, projectId, { name: 'Website', kind: 'other' });
    insertRecords(
      db,
      projectId,
      s1,
      [
        record({
          title: 'Micro-credentials: a learner value framework',
          authors: ['Oliver, Beverley'],
          year: 2021,
          doi: '10.21153/jtlge2021vol12no1art1456',
          keywords: ['micro-credentials'],
          sourceId: 'ID1',
          raw: [
            ['TY', 'JOUR'],
            ['TI', 'Micro-credentials: a learner value framework'],
            ['N1', '100% of the notes'],
          ],
        }),
        record({
          title: 'Digital badges and motivation',
          authors: ['Reid, A.'],
          abstract: 'Badges 50_50 study',
        }),
      ],
      NOW,
    );
    insertRecords(db, projectId, s2, [record({ title: 'Council Recommendation on micro-credentials' })], NOW);
    return { db, projectId, s1, s2 };
  }

  it('keeps file order as position and every raw field in order', () => {
    const { db, projectId } = seeded();
    const page = listRecords(db, projectId);
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.position)).toEqual([1, 2, 1]);
    const first = getRecord(db, projectId, page.items[0]!.id);
    expect(first.raw).toEqual([
      ['TY', 'JOUR'],
      ['TI', 'Micro-credentials: a learner value framework'],
      ['N1', '100% of the notes'],
    ]);
    expect(first).toMatchObject({
      sourceRecordId: 'ID1',
      year: 2021,
      keywords: ['micro-credentials'],
      duplicateOf: null,
    });
    expect(first.source).toMatchObject({ name: 'Scopus', kind: 'database' });
  });

  it('pages and searches by every word, case-insensitively, with LIKE wildcards taken literally', () => {
    const { db, projectId, s2 } = seeded();
    expect(listRecords(db, projectId, { offset: 1, limit: 1 }).items.map((r) => r.title)).toEqual([
      'Digital badges and motivation',
    ]);
    expect(listRecords(db, projectId, { q: 'MICRO-credentials' }).total).toBe(2);
    expect(listRecords(db, projectId, { q: 'micro council' }).items.map((r) => r.title)).toEqual([
      'Council Recommendation on micro-credentials',
    ]);
    expect(listRecords(db, projectId, { q: 'oliver' }).total).toBe(1);
    expect(listRecords(db, projectId, { q: '50_50' }).total).toBe(1);
    expect(listRecords(db, projectId, { q: '5__0' }).total).toBe(0);
    expect(listRecords(db, projectId, { q: '%' }).total).toBe(0);
    expect(listRecords(db, projectId, { sourceId: s2 }).total).toBe(1);
  });

  it('counts records per source and in the project', () => {
    const { db, projectId, s1, s2 } = seeded();
    expect(countRecordsBySource(db, projectId)).toEqual(
      new Map([
        [s1, 2],
        [s2, 1],
      ]),
    );
    expect(countRecords(db, projectId)).toBe(3);
  });

  it('a record of another project is not found', () => {
    const { db, projectId } = seeded();
    const other = seedProject(db, 'other');
    const id = listRecords(db, projectId).items[0]!.id;
    expect(() => getRecord(db, other, id)).toThrow(NotFoundError);
  });

  it('reads duplicate_of: null until a record is merged into another', () => {
    const { db, projectId } = seeded();
    expect([...iterateRecords(db, projectId)].map((r) => r.duplicateOf)).toEqual([null, null, null]);
    const [first, second] = listRecords(db, projectId).items;
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(first!.id, second!.id);
    expect([...iterateRecords(db, projectId)].map((r) => r.duplicateOf)).toEqual([null, first!.id, null]);
  });

  it('a failing row inside a caller transaction rolls back the whole batch', () => {
    const { db, projectId } = seeded();
    const before = countRecords(db, projectId);
    expect(() =>
      db.transaction(() => {
        insertRecords(db, projectId, 9999, [record({ title: 'orphan' })], NOW);
      })(),
    ).toThrow(/FOREIGN KEY/);
    expect(countRecords(db, projectId)).toBe(before);
  });
});
