import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import { prepared } from '../statements';
import { NotFoundError } from '../../domain/errors';
import { emptyRecord, type BibRecord, type RawField } from '../../domain/import/types';

/**
 * This module owns the records table: its row type, the one mapper from a row to camelCase
 * fields, the named column sets other repositories select, and the writer imports use.
 * Adding a column means its migration, and RecordRow with RECORD_ROW_COLUMNS here: the import
 * writes it when BibRecord has the field, and every reader maps it by name.
 */

/** One row of `records`, exactly as SQLite returns it. */
export interface RecordRow {
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
  /** Set by deduplication (migration 0003) when this record duplicates an earlier one. */
  duplicate_of: number | null;
}

export type RecordColumn = keyof RecordRow;

/** Every column of RecordRow, in table order (the compile-time check below keeps them in step). */
export const RECORD_ROW_COLUMNS = [
  'id',
  'project_id',
  'source_id',
  'position',
  'source_record_id',
  'type',
  'title',
  'authors_json',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'isbn',
  'issn',
  'abstract',
  'keywords_json',
  'language',
  'url',
  'raw_json',
  'created_at',
  'duplicate_of',
] as const satisfies readonly RecordColumn[];
// A compile error here means RecordRow has a column that RECORD_ROW_COLUMNS lacks.
const _everyColumnListed: Exclude<RecordColumn, (typeof RECORD_ROW_COLUMNS)[number]> extends never
  ? true
  : never = true;
void _everyColumnListed;

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;
/** authors_json → authors, source_record_id → sourceRecordId. */
type FieldName<C extends string> = C extends `${infer Base}_json` ? Camel<Base> : Camel<C>;
/** The JSON columns hold lists: what they read as. */
interface JsonColumnValues {
  authors_json: string[];
  keywords_json: string[];
  raw_json: RawField[];
}
type FieldValue<C extends RecordColumn> = C extends keyof JsonColumnValues
  ? JsonColumnValues[C]
  : RecordRow[C];

/** The camelCase fields of the columns C, JSON lists parsed: RecordFields<'id' | 'authors_json'> = { id, authors }. */
export type RecordFields<C extends RecordColumn> = { [K in C as FieldName<K>]: FieldValue<K> };

/**
 * Named column sets: what each reader selects, so no repository keeps its own list. The order
 * is the order of the fields in the JSON answers built from them. One line a set: a list of columns.
 */
// prettier-ignore
export const RECORD_COLUMNS = {
  /** a line of the records list: enough to recognise a record, not its abstract or raw fields */
  summary: ['id', 'source_id', 'position', 'source_record_id', 'type', 'title', 'authors_json', 'year', 'journal', 'doi', 'pmid'],
  /** what deduplication compares */
  dedup: ['id', 'type', 'title', 'authors_json', 'year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'isbn', 'abstract'],
  /** what a reviewer reads while screening */
  screening: ['id', 'title', 'authors_json', 'year', 'journal', 'abstract', 'doi', 'keywords_json', 'url', 'type'],
  /** what coding shows and cites for an included study */
  study: ['id', 'title', 'authors_json', 'year', 'journal', 'abstract', 'doi', 'url'],
  /** the text prioritisation learns from */
  ranking: ['id', 'title', 'abstract', 'keywords_json'],
  /** a report sought for full text: enough to name it and find it */
  report: ['id', 'title', 'year', 'doi'],
  /** what a reference in the drafted report is formatted from */
  citation: ['id', 'type', 'title', 'authors_json', 'year', 'journal', 'volume', 'issue', 'pages', 'doi', 'url'],
  /** a line of the records behind a PRISMA count */
  drillDown: ['id', 'source_id', 'title', 'authors_json', 'year', 'journal', 'doi', 'pmid'],
  /** everything */
  all: RECORD_ROW_COLUMNS,
} as const satisfies Record<string, readonly RecordColumn[]>;

export type RecordColumnSet = keyof typeof RECORD_COLUMNS;
/** The fields a named column set reads as. */
export type RecordFieldsOf<S extends RecordColumnSet> = RecordFields<(typeof RECORD_COLUMNS)[S][number]>;
/** The row a named column set selects. */
export type RecordRowOf<S extends RecordColumnSet> = Pick<RecordRow, (typeof RECORD_COLUMNS)[S][number]>;

/** The SELECT list of a column set, each column prefixed with the table alias: "r.id, r.title, …". */
export function recordColumns(set: RecordColumnSet, alias = 'r'): string {
  const prefix = alias ? `${alias}.` : '';
  return RECORD_COLUMNS[set].map((c) => `${prefix}${c}`).join(', ');
}

const FIELD_OF = new Map<string, string>(
  RECORD_ROW_COLUMNS.map((c) => [
    c,
    c.replace(/_json$/, '').replace(/_([a-z])/g, (_, l: string) => l.toUpperCase()),
  ]),
);
const JSON_LIST_COLUMNS = new Set<string>(['authors_json', 'keywords_json', 'raw_json']);

/**
 * A stored JSON list that does not read as a list is a bug (every writer stores
 * JSON.stringify of an array), not user input. One rule for every reader: the field reads
 * as an empty list and the server log names the record and column, so one bad row neither
 * hides silently nor turns a whole list, queue or deduplication run into a 500.
 */
function readJsonList(text: unknown, column: string, recordId: unknown): unknown[] {
  try {
    const value: unknown = JSON.parse(String(text));
    if (Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  console.warn(`records.${column} of record ${String(recordId)} is not a JSON list; read as []`);
  return [];
}

/**
 * The one mapper from a records row (any subset of its columns) to camelCase fields.
 * Columns that are not the table's (a joined source name, say) are left out.
 */
export function recordFromRow<R extends Partial<RecordRow>>(row: R): RecordFields<keyof R & RecordColumn> {
  const out: Record<string, unknown> = {};
  const values: Record<string, unknown> = row;
  for (const column in values) {
    const field = FIELD_OF.get(column);
    if (field === undefined) continue;
    const value = values[column];
    out[field] = JSON_LIST_COLUMNS.has(column) ? readJsonList(value, column, values.id) : value;
  }
  return out as RecordFields<keyof R & RecordColumn>;
}

// ---------- writing ----------

/**
 * The columns an import fills, each from the BibRecord field of the same name (camelCase, JSON
 * lists stringified), in table order. Two names differ: a record's id in its file is
 * BibRecord.sourceId but the column source_record_id, since source_id is the writer's link to
 * the sources row. A new column whose field BibRecord has is written without an edit here.
 */
const WRITER_COLUMNS = new Set<RecordColumn>(['id', 'project_id', 'source_id', 'position', 'created_at']);
const BIB_FIELDS = new Set(Object.keys(emptyRecord()));
const bibField = (column: RecordColumn) =>
  column === 'source_record_id' ? 'sourceId' : FIELD_OF.get(column)!;
const IMPORTED_COLUMNS = RECORD_ROW_COLUMNS.filter(
  (c) => !WRITER_COLUMNS.has(c) && BIB_FIELDS.has(bibField(c)),
).map((column) => ({
  column,
  field: bibField(column) as keyof BibRecord,
  json: JSON_LIST_COLUMNS.has(column),
}));

const INSERT_COLUMNS = [
  'project_id',
  'source_id',
  'position',
  ...IMPORTED_COLUMNS.map((c) => c.column),
  'created_at',
];
const INSERT_SQL = `INSERT INTO records (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;

/** Prepared once per connection: a bulk import reuses one statement for every row. */
export function insertStatement(db: Db): Statement {
  return prepared(db, INSERT_SQL);
}

/**
 * A record's values for the columns an import fills, in insert order: plain strings, numbers
 * and nulls (lists as JSON), so they cross to another thread cheaply. The import worker makes
 * them (server/services/import-worker.ts); RecordWriter.writeValues stores them.
 */
export type ImportedValues = unknown[];

/** The ImportedValues of one record. */
export function importedValues(r: BibRecord): ImportedValues {
  // Called once per imported record: an indexed loop over a preallocated array.
  const values = new Array<unknown>(IMPORTED_COLUMNS.length);
  for (let i = 0; i < IMPORTED_COLUMNS.length; i++) {
    const { field, json } = IMPORTED_COLUMNS[i]!;
    values[i] = json ? JSON.stringify(r[field]) : r[field];
  }
  return values;
}

/** The parameters of insertStatement() for one record, in column order. */
export function recordParams(
  projectId: number,
  sourceId: number,
  position: number,
  r: BibRecord | ImportedValues,
  createdAt: string,
): unknown[] {
  const values = Array.isArray(r) ? r : importedValues(r);
  return [projectId, sourceId, position, ...values, createdAt];
}

/** Appends records to one source in arrival order; `position` counts from 1. */
export interface RecordWriter {
  /** Stores one record and returns its id. */
  write(record: BibRecord): number;
  /** Stores one record from its ImportedValues and returns its id. */
  writeValues(values: ImportedValues): number;
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
  const writeValues = (values: ImportedValues): number => {
    count++;
    return Number(insert.run(projectId, sourceId, count, ...values, stamp).lastInsertRowid);
  };
  return {
    get count() {
      return count;
    },
    write: (record) => writeValues(importedValues(record)),
    writeValues,
  };
}

/**
 * Stores the records of one source in file order in one transaction and returns their ids;
 * inside a caller's transaction this becomes a savepoint, so the caller's rollback still undoes it.
 */
export function insertRecords(
  db: Db,
  projectId: number,
  sourceId: number,
  records: readonly BibRecord[],
  createdAt: Date,
): number[] {
  return db.transaction(() => {
    const writer = recordWriter(db, projectId, sourceId, createdAt);
    return records.map((record) => writer.write(record));
  })();
}

// ---------- reading ----------

/** What a record list shows: enough to recognise a record, not its abstract or raw fields. */
export type RecordSummary = RecordFieldsOf<'summary'>;

/** One record in full: normalised fields, the raw tagged fields as imported, and its provenance. */
export type StoredRecord = RecordFieldsOf<'all'> & {
  source: { id: number; name: string; kind: string; fileName: string | null; format: string | null };
};

const FULL_SELECT = `SELECT ${recordColumns('all')}, s.name AS source_name, s.kind AS source_kind,
            s.file_name AS source_file_name, s.format AS source_format
          FROM records r JOIN sources s ON s.id = r.source_id`;

type FullRow = RecordRow & {
  source_name: string;
  source_kind: string;
  source_file_name: string | null;
  source_format: string | null;
};

function toStored(row: FullRow): StoredRecord {
  return {
    ...recordFromRow(row),
    source: {
      id: row.source_id,
      name: row.source_name,
      kind: row.source_kind,
      fileName: row.source_file_name,
      format: row.source_format,
    },
  };
}

/** A record of this project with its raw fields and provenance, or NotFound. */
export function getRecord(db: Db, projectId: number, recordId: number): StoredRecord {
  const row = db.prepare(`${FULL_SELECT} WHERE r.id = ? AND r.project_id = ?`).get(recordId, projectId) as
    FullRow | undefined;
  if (!row) throw new NotFoundError(`record ${recordId} not found`);
  return toStored(row);
}

/** The given records of the project in full, in id order (exports read them a batch at a time). */
export function storedRecordsByIds(db: Db, projectId: number, ids: readonly number[]): StoredRecord[] {
  if (ids.length === 0) return [];
  const rows = prepared(
    db,
    `${FULL_SELECT} WHERE r.project_id = ? AND r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
  ).all(projectId, JSON.stringify(ids)) as FullRow[];
  return rows.map(toStored);
}

/** Every record of the project in import order, duplicates included (exports are one row per record). */
export function* iterateRecords(db: Db, projectId: number): Generator<StoredRecord> {
  const statement = db.prepare(`${FULL_SELECT} WHERE r.project_id = ? ORDER BY r.id`);
  for (const row of statement.iterate(projectId) as IterableIterator<FullRow>) yield toStored(row);
}

/** The given records of a project in id order, read through one column set; ids of other projects are left out. */
export function recordsOf<S extends RecordColumnSet>(
  db: Db,
  projectId: number,
  set: S,
  ids: readonly number[],
): RecordFieldsOf<S>[] {
  if (ids.length === 0) return [];
  // json_each keeps the statement parameterised whatever the number of ids.
  const rows = prepared(
    db,
    `SELECT ${recordColumns(set)} FROM records r
      WHERE r.project_id = ? AND r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
  ).all(projectId, JSON.stringify(ids)) as RecordRowOf<S>[];
  return rows.map((row) => recordFromRow(row) as RecordFieldsOf<S>);
}

/** Every record of a project in id order, read through one column set. */
export function projectRecords<S extends RecordColumnSet>(
  db: Db,
  projectId: number,
  set: S,
): RecordFieldsOf<S>[] {
  const rows = prepared(
    db,
    `SELECT ${recordColumns(set)} FROM records r WHERE r.project_id = ? ORDER BY r.id`,
  ).all(projectId) as RecordRowOf<S>[];
  return rows.map((row) => recordFromRow(row) as RecordFieldsOf<S>);
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
