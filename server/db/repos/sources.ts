import type { SourceImpactCounts } from '../../api/records';
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

/** The fields of a source its owner may correct after the import. */
export interface SourceCorrection {
  name: string;
  kind: SourceKind;
  searchDate: string | null;
  searchString: string | null;
}

export function updateSource(db: Db, projectId: number, sourceId: number, fields: SourceCorrection): Source {
  db.prepare(
    'UPDATE sources SET name = ?, kind = ?, search_date = ?, search_string = ? WHERE id = ? AND project_id = ?',
  ).run(fields.name, fields.kind, fields.searchDate, fields.searchString, sourceId, projectId);
  return getSource(db, projectId, sourceId);
}

/** What deleting a source would take with it, counted: the API's shape, defined once. */
export type { SourceImpactCounts };

// The source's records, as a subquery with one parameter (the source id).
const OF_SOURCE = 'SELECT id FROM records WHERE source_id = @sourceId';

export function sourceImpact(db: Db, sourceId: number): SourceImpactCounts {
  const count = (sql: string) => db.prepare(sql).pluck().get({ sourceId }) as number;
  return {
    records: count('SELECT COUNT(*) FROM records WHERE source_id = @sourceId'),
    votes: count(`SELECT COUNT(*) FROM screening_events WHERE kind = 'vote' AND record_id IN (${OF_SOURCE})`),
    resolutions: count(`SELECT COUNT(*) FROM screening_events WHERE kind = 'resolve' AND record_id IN (${OF_SOURCE})`),
    fullTextReports: count(`SELECT COUNT(*) FROM fulltext_reports WHERE record_id IN (${OF_SOURCE})`),
    studies: count(`SELECT COUNT(*) FROM study_reports WHERE record_id IN (${OF_SOURCE})`),
    codes: count(
      `SELECT (SELECT COUNT(*) FROM code_applications WHERE record_id IN (${OF_SOURCE}))
            + (SELECT COUNT(*) FROM consensus_applications WHERE record_id IN (${OF_SOURCE}))`,
    ),
    extractionValues: count(
      `SELECT (SELECT COUNT(*) FROM extraction_values WHERE record_id IN (${OF_SOURCE}))
            + (SELECT COUNT(*) FROM consensus_values WHERE record_id IN (${OF_SOURCE}))`,
    ),
    labels: count(`SELECT COUNT(*) FROM record_labels WHERE record_id IN (${OF_SOURCE})`),
    notes: count(`SELECT COUNT(*) FROM record_notes WHERE record_id IN (${OF_SOURCE})`),
    removals: count(`SELECT COUNT(*) FROM record_removals WHERE record_id IN (${OF_SOURCE})`),
    // A person's decisions on clusters with one of these records (automatic merges are not a person's).
    dedupDecisions: count(
      `SELECT COUNT(*) FROM dedup_decisions WHERE user_id IS NOT NULL
          AND cluster_id IN (SELECT cluster_id FROM dedup_cluster_members WHERE record_id IN (${OF_SOURCE}))`,
    ),
    mergedWithOtherSources: count(
      `SELECT COUNT(*) FROM records WHERE source_id != @sourceId
          AND (duplicate_of IN (${OF_SOURCE})
               OR id IN (SELECT duplicate_of FROM records WHERE source_id = @sourceId AND duplicate_of IS NOT NULL))`,
    ),
  };
}

/**
 * Deletes a source and its records with everything that hangs off them (cascades), first
 * mending deduplication around them: a cluster keeps its other records (a new primary, the
 * lowest id, when its primary goes), a cluster left with one record is dissolved, and no
 * record is left pointing at a deleted one.
 */
export function deleteSourceWithRecords(db: Db, projectId: number, sourceId: number): void {
  const gone = new Set(
    db.prepare('SELECT id FROM records WHERE source_id = ? AND project_id = ?').pluck().all(sourceId, projectId) as number[],
  );
  const clusters = db
    .prepare(
      `SELECT DISTINCT c.id, c.primary_record_id FROM dedup_clusters c JOIN dedup_cluster_members m ON m.cluster_id = c.id
        WHERE m.record_id IN (SELECT id FROM records WHERE source_id = ?)`,
    )
    .all(sourceId) as { id: number; primary_record_id: number | null }[];
  const membersOf = db.prepare('SELECT record_id FROM dedup_cluster_members WHERE cluster_id = ? ORDER BY record_id').pluck();
  const repoint = db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ? AND duplicate_of = ?');
  for (const cluster of clusters) {
    const remaining = (membersOf.all(cluster.id) as number[]).filter((id) => !gone.has(id));
    const primaryGone = cluster.primary_record_id !== null && gone.has(cluster.primary_record_id);
    if (remaining.length < 2) {
      db.prepare('DELETE FROM dedup_clusters WHERE id = ?').run(cluster.id);
    } else if (primaryGone) {
      const primary = remaining[0]!;
      for (const id of remaining) repoint.run(id === primary ? null : primary, id, cluster.primary_record_id);
      db.prepare('UPDATE dedup_clusters SET primary_record_id = ? WHERE id = ?').run(primary, cluster.id);
    }
  }
  db.prepare(
    `UPDATE records SET duplicate_of = NULL WHERE project_id = ? AND duplicate_of IN (SELECT id FROM records WHERE source_id = ?)`,
  ).run(projectId, sourceId);
  db.prepare(
    `UPDATE dedup_decisions SET primary_record_id = NULL WHERE project_id = ?
        AND primary_record_id IN (SELECT id FROM records WHERE source_id = ?)`,
  ).run(projectId, sourceId);
  db.prepare(
    `UPDATE dedup_clusters SET primary_record_id = NULL WHERE project_id = ?
        AND primary_record_id IN (SELECT id FROM records WHERE source_id = ?)`,
  ).run(projectId, sourceId);
  db.prepare('DELETE FROM records WHERE source_id = ? AND project_id = ?').run(sourceId, projectId);
  db.prepare('DELETE FROM sources WHERE id = ? AND project_id = ?').run(sourceId, projectId);
}
