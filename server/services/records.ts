import type { Db } from '../db/connection';
import { requireProjectExists } from '../db/repos/projects';
import {
  getRecord,
  listRecords,
  type RecordPage,
  type RecordQuery,
  type StoredRecord,
} from '../db/repos/records';

/** One page of a project's records in import order, optionally filtered by words or by source. */
export function recordPage(db: Db, projectId: number, query: RecordQuery): RecordPage {
  requireProjectExists(db, projectId);
  return listRecords(db, projectId, query);
}

/** One record of the project in full, with its raw fields and provenance; NotFound otherwise. */
export function projectRecord(db: Db, projectId: number, recordId: number): StoredRecord {
  return getRecord(db, projectId, recordId);
}
