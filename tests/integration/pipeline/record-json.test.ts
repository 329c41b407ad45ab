import type { Db } from '../../../server/db/connection';
import { codingRepo } from '../../../server/db/repos/coding';
import { getRecordsWithSource, listDedupRecords } from '../../../server/db/repos/dedup';
import { recordsByIds } from '../../../server/db/repos/prisma';
import { listRankingRecords } from '../../../server/db/repos/ranking';
import { getRecord, iterateRecords, recordFromRow } from '../../../server/db/repos/records';
import { listRecords } from '../../../server/db/repos/record-query';
import { recordsInStage } from '../../../server/db/repos/screening';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';

/**
 * A stored JSON list that does not read as a list (authors_json, keywords_json, raw_json) is
 * a bug, not input. One rule for every reader of records: the field reads as [] and the
 * server log names the record and the column; the rest of the list still reads.
 */
describe('records with unreadable JSON columns', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  function corrupted(): { db: Db; projectId: number; bad: number; good: number } {
    const db = openTestDb();
    const projectId = seedProject(db);
    const [bad, good] = seedRecords(db, projectId, seedSource(db, projectId), [
      { title: 'Broken row', authors: ['Doe, J'], keywords: ['k'] },
      { title: 'Sound row', authors: ['Roe, R'], keywords: ['badges'] },
    ]) as [number, number];
    db.prepare(
      `UPDATE records SET authors_json = '{not json', keywords_json = '"a string"', raw_json = 'null' WHERE id = ?`,
    ).run(bad);
    return { db, projectId, bad, good };
  }

  const warned = (id: number, column: string) =>
    expect(warn).toHaveBeenCalledWith(`records.${column} of record ${id} is not a JSON list; read as []`);

  it('recordFromRow maps columns to camelCase fields and reads a bad list as [] with a warning', () => {
    expect(recordFromRow({ id: 7, source_record_id: 'X1', authors_json: '["A"]', title: 't' })).toEqual({
      id: 7,
      sourceRecordId: 'X1',
      authors: ['A'],
      title: 't',
    });
    expect(warn).not.toHaveBeenCalled();
    expect(recordFromRow({ id: 8, keywords_json: '{"a":1}' })).toEqual({ id: 8, keywords: [] });
    warned(8, 'keywords_json');
  });

  it('every reader of records reads the bad row with empty lists and keeps the others', () => {
    const { db, projectId, bad, good } = corrupted();
    const page = listRecords(db, projectId);
    expect(page.items.map((r) => [r.id, r.authors])).toEqual([
      [bad, []],
      [good, ['Roe, R']],
    ]);
    expect(getRecord(db, projectId, bad)).toMatchObject({ authors: [], keywords: [], raw: [] });
    expect([...iterateRecords(db, projectId)].map((r) => r.keywords)).toEqual([[], ['badges']]);
    expect(listDedupRecords(db, projectId).map((r) => r.authors)).toEqual([[], ['Roe, R']]);
    expect(getRecordsWithSource(db, projectId, [bad])[0]).toMatchObject({ id: bad, authors: [] });
    expect(recordsInStage(db, projectId, 'title_abstract').map((r) => r.keywords)).toEqual([[], ['badges']]);
    expect(codingRepo(db).studyRecord(projectId, bad)).toMatchObject({ authors: [] });
    expect(recordsByIds(db, projectId, [good, bad]).map((r) => r.authors)).toEqual([['Roe, R'], []]);
    expect(listRankingRecords(db, projectId).map((r) => r.doc.keywords)).toEqual([[], ['badges']]);
    warned(bad, 'authors_json');
    warned(bad, 'keywords_json');
    warned(bad, 'raw_json');
    expect(warn.mock.calls.every(([message]) => String(message).includes(`record ${bad} `))).toBe(true);
  });
});
