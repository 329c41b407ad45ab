import type { Db } from '../connection';
import type { ReviewRecord, ReviewSource } from '../../domain/prisma/from-review';

/** Whether a table exists: deduplication (0003) and screening (0004) may not be in this build. */
export function hasTable(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

export function hasColumn(db: Db, table: string, column: string): boolean {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).some(
    (c) => c.name === column,
  );
}

export function reviewSources(db: Db, projectId: number): ReviewSource[] {
  return db
    .prepare('SELECT id, name, kind FROM sources WHERE project_id = ? ORDER BY id')
    .all(projectId) as ReviewSource[];
}

type Outcome = 'include' | 'exclude' | null;
type ReviewRow = [
  number,
  number,
  number,
  number,
  Outcome,
  string | null,
  string | null,
  number,
  Outcome,
  string | null,
  number | null,
];

/**
 * Every record of a project with its deduplication and screening state, in id order. Parts of
 * the schema that this database does not have yet read as "nothing happened".
 */
export function reviewRecords(
  db: Db,
  projectId: number,
  parts: { deduplication: boolean; screening: boolean },
): ReviewRecord[] {
  const duplicate = parts.deduplication ? 'r.duplicate_of IS NOT NULL' : '0';
  const screening = parts.screening
    ? `ta.record_id IS NOT NULL, ta.outcome, ta.exclusion_reason, f.status,
       ft.record_id IS NOT NULL, ft.outcome, ft.exclusion_reason, sr.study_id
       FROM records r
       LEFT JOIN screening_state ta ON ta.record_id = r.id AND ta.stage = 'title_abstract'
       LEFT JOIN fulltext_reports f ON f.record_id = r.id
       LEFT JOIN screening_state ft ON ft.record_id = r.id AND ft.stage = 'full_text'
       LEFT JOIN study_reports sr ON sr.record_id = r.id`
    : `0, NULL, NULL, NULL, 0, NULL, NULL, NULL FROM records r`;
  const rows = db
    .prepare(`SELECT r.id, r.source_id, ${duplicate}, ${screening} WHERE r.project_id = ? ORDER BY r.id`)
    .raw()
    .all(projectId) as ReviewRow[];
  return rows.map(
    ([id, sourceId, dup, hasTa, taOutcome, taReason, retrieval, hasFt, ftOutcome, ftReason, studyId]) => ({
      id,
      sourceId,
      duplicate: dup === 1,
      titleAbstract: hasTa ? { outcome: taOutcome, reason: taReason } : null,
      retrieval: retrieval === 'retrieved' || retrieval === 'not_retrievable' ? retrieval : null,
      fullText: hasFt ? { outcome: ftOutcome, reason: ftReason } : null,
      studyId,
    }),
  );
}

export interface ProjectRef {
  id: number;
  name: string;
}

export function listProjects(db: Db): ProjectRef[] {
  return db.prepare('SELECT id, name FROM projects ORDER BY id').all() as ProjectRef[];
}

export function projectById(db: Db, projectId: number): ProjectRef | undefined {
  return db.prepare('SELECT id, name FROM projects WHERE id = ?').get(projectId) as ProjectRef | undefined;
}

export interface DrillDownRecord {
  id: number;
  sourceId: number;
  sourceName: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

/** The records with the given ids that belong to the project, in the order of `ids`. */
export function recordsByIds(db: Db, projectId: number, ids: readonly number[]): DrillDownRecord[] {
  if (ids.length === 0) return [];
  // json_each keeps the statement parameterised whatever the number of ids.
  const rows = db
    .prepare(
      `SELECT r.id, r.source_id AS sourceId, s.name AS sourceName, r.title, r.authors_json AS authorsJson,
              r.year, r.journal, r.doi, r.pmid, j.key AS position
         FROM json_each(?) j
         JOIN records r ON r.id = j.value AND r.project_id = ?
         JOIN sources s ON s.id = r.source_id
        ORDER BY j.key`,
    )
    .all(JSON.stringify(ids), projectId) as (Omit<DrillDownRecord, 'authors'> & {
    authorsJson: string;
    position: number;
  })[];
  return rows.map(({ authorsJson, position: _position, ...row }) => ({
    ...row,
    authors: JSON.parse(authorsJson) as string[],
  }));
}
