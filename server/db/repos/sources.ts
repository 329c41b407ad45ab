import type { Db } from '../connection';
import { NotFoundError } from '../../domain/errors';
import type { ParseWarning } from '../../domain/import/types';
import type { SourceKind } from '../../domain/source-kinds';

/** One search (or one file of a search) and the provenance of what it brought in. */
export interface Source {
  id: number;
  projectId: number;
  name: string;
  kind: SourceKind;
  searchDate: string | null;
  searchString: string | null;
  fileName: string | null;
  fileHash: string | null;
  format: string | null;
  encoding: string | null;
  recordCount: number;
  warnings: ParseWarning[];
  importedAt: string;
}

interface SourceRow {
  id: number;
  project_id: number;
  name: string;
  kind: SourceKind;
  search_date: string | null;
  search_string: string | null;
  file_name: string | null;
  file_hash: string | null;
  format: string | null;
  encoding: string | null;
  record_count: number;
  warnings_json: string;
  imported_at: string;
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    kind: row.kind,
    searchDate: row.search_date,
    searchString: row.search_string,
    fileName: row.file_name,
    fileHash: row.file_hash,
    format: row.format,
    encoding: row.encoding,
    recordCount: row.record_count,
    warnings: JSON.parse(row.warnings_json) as ParseWarning[],
    importedAt: row.imported_at,
  };
}

export type NewSource = Omit<Source, 'id'>;

export function insertSource(db: Db, source: NewSource): Source {
  const info = db
    .prepare(
      `INSERT INTO sources (project_id, name, kind, search_date, search_string, file_name, file_hash, format,
         encoding, record_count, warnings_json, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      source.projectId,
      source.name,
      source.kind,
      source.searchDate,
      source.searchString,
      source.fileName,
      source.fileHash,
      source.format,
      source.encoding,
      source.recordCount,
      JSON.stringify(source.warnings),
      source.importedAt,
    );
  return getSource(db, source.projectId, Number(info.lastInsertRowid));
}

/** What is known about a source's file only once it has been read to the end. */
export interface SourceOutcome {
  format: string;
  encoding: string;
  recordCount: number;
  warnings: ParseWarning[];
}

/** Records the outcome of reading a source's file (the row is inserted before its records). */
export function completeSource(db: Db, projectId: number, sourceId: number, outcome: SourceOutcome): Source {
  db.prepare(
    'UPDATE sources SET format = ?, encoding = ?, record_count = ?, warnings_json = ? WHERE id = ? AND project_id = ?',
  ).run(outcome.format, outcome.encoding, outcome.recordCount, JSON.stringify(outcome.warnings), sourceId, projectId);
  return getSource(db, projectId, sourceId);
}

export function listSources(db: Db, projectId: number): Source[] {
  const rows = db
    .prepare('SELECT * FROM sources WHERE project_id = ? ORDER BY id')
    .all(projectId) as SourceRow[];
  return rows.map(toSource);
}

/** A source of this project, or NotFound (a source of another project is not found either). */
export function getSource(db: Db, projectId: number, sourceId: number): Source {
  const row = db.prepare('SELECT * FROM sources WHERE id = ? AND project_id = ?').get(sourceId, projectId) as
    SourceRow | undefined;
  if (!row) throw new NotFoundError(`source ${sourceId} not found`);
  return toSource(row);
}

/** The earliest source of the project imported from a file with this SHA-256, if any. */
export function findSourceByHash(db: Db, projectId: number, fileHash: string): Source | undefined {
  const row = db
    .prepare('SELECT * FROM sources WHERE project_id = ? AND file_hash = ? ORDER BY id LIMIT 1')
    .get(projectId, fileHash) as SourceRow | undefined;
  return row && toSource(row);
}
