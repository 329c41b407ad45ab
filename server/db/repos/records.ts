import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import { NotFoundError } from '../../domain/errors';
import type { BibRecord, RawField } from '../../domain/import/types';

/** What a record list shows: enough to recognise a record, not its abstract or raw fields. */
export interface RecordSummary {
  id: number;
  sourceId: number;
  position: number;
  sourceRecordId: string | null;
  type: string | null;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

/** One record in full: normalised fields, the raw tagged fields as imported, and its provenance. */
export interface StoredRecord extends RecordSummary {
  projectId: number;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  isbn: string | null;
  issn: string | null;
  abstract: string | null;
  keywords: string[];
  language: string | null;
  url: string | null;
  raw: RawField[];
  createdAt: string;
  source: { id: number; name: string; kind: string; fileName: string | null; format: string | null };
  /** Set by deduplication (migration 0003) when this record duplicates an earlier one; null before. */
  duplicateOf: number | null;
}

interface RecordRow {
  id: number;
  project_id: number;
  source_id: number;
  position: number;
  source_record_id: string | null;
  type: string | null;
  title: string | null;
  authors_json: string;
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  isbn: string | null;
  issn: string | null;
  abstract: string | null;
  keywords_json: string;
  language: string | null;
  url: string | null;
  raw_json: string;
  created_at: string;
  duplicate_of?: number | null;
  source_name: string;
  source_kind: string;
  source_file_name: string | null;
  source_format: string | null;
}

const insertStatements = new WeakMap<Db, Statement>();

/** Prepared once per connection: a bulk import reuses one statement for every row. */
export function insertStatement(db: Db): Statement {
  let statement = insertStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `INSERT INTO records (project_id, source_id, position, source_record_id, type, title, authors_json, year,
         journal, volume, issue, pages, doi, pmid, isbn, issn, abstract, keywords_json, language, url, raw_json,
         created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertStatements.set(db, statement);
  }
  return statement;
}

/** The parameters of insertStatement() for one record, in column order. */
export function recordParams(
  projectId: number,
  sourceId: number,
  position: number,
  r: BibRecord,
  createdAt: string,
) {
  return [
    projectId,
    sourceId,
    position,
    r.sourceId,
    r.type,
    r.title,
    JSON.stringify(r.authors),
    r.year,
    r.journal,
    r.volume,
    r.issue,
    r.pages,
    r.doi,
    r.pmid,
    r.isbn,
    r.issn,
    r.abstract,
    JSON.stringify(r.keywords),
    r.language,
    r.url,
    JSON.stringify(r.raw),
    createdAt,
  ];
}

/** Appends records to one source in arrival order; `position` counts from 1. */
export interface RecordWriter {
  write(record: BibRecord): void;
  /** How many records were written so far. */
  readonly count: number;
}

/**
 * A writer for a parser's record sink: each record is stored as soon as it is read, so a large
 * import never holds every record in memory. Call it inside a transaction (the caller's).
 */
export function recordWriter(db: Db, projectId: number, sourceId: number, createdAt: Date): RecordWriter {
  const insert = insertStatement(db);
  const stamp = createdAt.toISOString();
  let count = 0;
  return {
    get count() {
      return count;
    },
    write(r) {
      count++;
      insert.run(...recordParams(projectId, sourceId, count, r, stamp));
    },
  };
}

/**
 * Stores the records of one source in file order in one transaction; inside a caller's
 * transaction this becomes a savepoint, so the caller's rollback still undoes it.
 */
export function insertRecords(
  db: Db,
  projectId: number,
  sourceId: number,
  records: readonly BibRecord[],
  createdAt: Date,
): number {
  db.transaction(() => {
    const writer = recordWriter(db, projectId, sourceId, createdAt);
    for (const record of records) writer.write(record);
  })();
  return records.length;
}

export interface RecordQuery {
  offset?: number;
  limit?: number;
  /** Words to find in title, authors, abstract, journal or DOI (all must match, case-insensitive). */
  q?: string;
  sourceId?: number;
}

export interface RecordPage {
  total: number;
  offset: number;
  limit: number;
  items: RecordSummary[];
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(projectId: number, query: RecordQuery): { sql: string; params: unknown[] } {
  const parts = ['r.project_id = ?'];
  const params: unknown[] = [projectId];
  if (query.sourceId !== undefined) {
    parts.push('r.source_id = ?');
    params.push(query.sourceId);
  }
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean);
  for (const word of words) {
    const like = `%${escapeLike(word)}%`;
    parts.push(
      `(r.title LIKE ? ESCAPE '\\' OR r.authors_json LIKE ? ESCAPE '\\' OR r.abstract LIKE ? ESCAPE '\\'
        OR r.journal LIKE ? ESCAPE '\\' OR r.doi LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like, like);
  }
  return { sql: parts.join(' AND '), params };
}

const SUMMARY_COLUMNS = `r.id, r.source_id, r.position, r.source_record_id, r.type, r.title, r.authors_json, r.year,
  r.journal, r.doi, r.pmid`;

function toSummary(row: RecordRow): RecordSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    position: row.position,
    sourceRecordId: row.source_record_id,
    type: row.type,
    title: row.title,
    authors: JSON.parse(row.authors_json) as string[],
    year: row.year,
    journal: row.journal,
    doi: row.doi,
    pmid: row.pmid,
  };
}

/** One page of a project's records in import order, optionally filtered by words or by source. */
export function listRecords(db: Db, projectId: number, query: RecordQuery = {}): RecordPage {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  const where = whereClause(projectId, query);
  const { total } = db
    .prepare(`SELECT COUNT(*) AS total FROM records r WHERE ${where.sql}`)
    .get(...where.params) as {
    total: number;
  };
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM records r WHERE ${where.sql} ORDER BY r.id LIMIT ? OFFSET ?`)
    .all(...where.params, limit, offset) as RecordRow[];
  return { total, offset, limit, items: rows.map(toSummary) };
}

const FULL_SELECT = `SELECT r.*, s.name AS source_name, s.kind AS source_kind, s.file_name AS source_file_name,
            s.format AS source_format
          FROM records r JOIN sources s ON s.id = r.source_id`;

function toStored(row: RecordRow): StoredRecord {
  return {
    ...toSummary(row),
    projectId: row.project_id,
    volume: row.volume,
    issue: row.issue,
    pages: row.pages,
    isbn: row.isbn,
    issn: row.issn,
    abstract: row.abstract,
    keywords: JSON.parse(row.keywords_json) as string[],
    language: row.language,
    url: row.url,
    raw: JSON.parse(row.raw_json) as RawField[],
    createdAt: row.created_at,
    source: {
      id: row.source_id,
      name: row.source_name,
      kind: row.source_kind,
      fileName: row.source_file_name,
      format: row.source_format,
    },
    duplicateOf: row.duplicate_of ?? null,
  };
}

/** A record of this project with its raw fields and provenance, or NotFound. */
export function getRecord(db: Db, projectId: number, recordId: number): StoredRecord {
  const row = db.prepare(`${FULL_SELECT} WHERE r.id = ? AND r.project_id = ?`).get(recordId, projectId) as
    RecordRow | undefined;
  if (!row) throw new NotFoundError(`record ${recordId} not found`);
  return toStored(row);
}

/** Every record of the project in import order, duplicates included (exports are one row per record). */
export function* iterateRecords(db: Db, projectId: number): Generator<StoredRecord> {
  const statement = db.prepare(`${FULL_SELECT} WHERE r.project_id = ? ORDER BY r.id`);
  for (const row of statement.iterate(projectId) as IterableIterator<RecordRow>) yield toStored(row);
}

/** How many records each source of the project holds, counted from the records themselves. */
export function countRecordsBySource(db: Db, projectId: number): Map<number, number> {
  const rows = db
    .prepare('SELECT source_id, COUNT(*) AS n FROM records WHERE project_id = ? GROUP BY source_id')
    .all(projectId) as { source_id: number; n: number }[];
  return new Map(rows.map((r) => [r.source_id, r.n]));
}

export function countRecords(db: Db, projectId: number): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM records WHERE project_id = ?').get(projectId) as {
    n: number;
  };
  return row.n;
}
