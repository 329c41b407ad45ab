import type { Db } from '../connection';
import type { ReviewRecord, ReviewSource } from '../../domain/prisma/from-review';

export function reviewSources(db: Db, projectId: number): ReviewSource[] {
  return db
    .prepare('SELECT id, name, kind FROM sources WHERE project_id = ? ORDER BY id')
    .all(projectId) as ReviewSource[];
}

type Outcome = 'include' | 'exclude' | null;

/**
 * Every record of a project with its deduplication and screening state, in id order.
 *
 * One indexed scan per table joined in memory: at 100,000 records this is several times faster
 * than a four-way LEFT JOIN, which seeks each table once per record.
 */
export function reviewRecords(db: Db, projectId: number): ReviewRecord[] {
  // records_source(source_id) covers (source_id, id): the ids come from the index alone.
  const sourceIds = db
    .prepare('SELECT id FROM sources WHERE project_id = ? ORDER BY id')
    .pluck()
    .all(projectId) as number[];
  const idsOfSource = db.prepare('SELECT id FROM records WHERE source_id = ?').pluck();
  const sourceOf = new Map<number, number>();
  for (const sourceId of sourceIds)
    for (const id of idsOfSource.all(sourceId) as number[]) sourceOf.set(id, sourceId);
  const duplicates = new Set(
    db
      .prepare('SELECT id FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL')
      .pluck()
      .all(projectId) as number[],
  );
  const stage = (name: string) =>
    new Map(
      (
        db
          .prepare(
            'SELECT record_id, outcome, exclusion_reason FROM screening_state WHERE project_id = ? AND stage = ?',
          )
          .raw()
          .all(projectId, name) as [number, Outcome, string | null][]
      ).map(([id, outcome, reason]) => [id, { outcome, reason }]),
    );
  const titleAbstract = stage('title_abstract');
  const fullText = stage('full_text');
  const retrieval = new Map(
    db
      .prepare('SELECT record_id, status FROM fulltext_reports WHERE project_id = ?')
      .raw()
      .all(projectId) as [number, string][],
  );
  const studyOf = new Map(
    db
      .prepare(
        'SELECT sr.record_id, sr.study_id FROM study_reports sr JOIN studies s ON s.id = sr.study_id WHERE s.project_id = ?',
      )
      .raw()
      .all(projectId) as [number, number][],
  );
  const ids = [...sourceOf.keys()].sort((a, b) => a - b);
  return ids.map((id) => {
    const status = retrieval.get(id);
    return {
      id,
      sourceId: sourceOf.get(id)!,
      duplicate: duplicates.has(id),
      titleAbstract: titleAbstract.get(id) ?? null,
      retrieval: status === 'retrieved' || status === 'not_retrievable' ? status : null,
      fullText: fullText.get(id) ?? null,
      studyId: studyOf.get(id) ?? null,
    };
  });
}

/** The "prisma" part of a project's settings, parsed; undefined when the project does not exist. */
export function readPrismaSettingsJson(db: Db, projectId: number): unknown {
  const row = db
    .prepare("SELECT json_extract(settings_json, '$.prisma') AS prisma FROM projects WHERE id = ?")
    .get(projectId) as { prisma: string | null } | undefined;
  return row?.prisma ? (JSON.parse(row.prisma) as unknown) : undefined;
}

/** Replaces the "prisma" part of a project's settings, leaving the other areas' keys as they are. */
export function writePrismaSettingsJson(db: Db, projectId: number, value: unknown): void {
  db.prepare(
    "UPDATE projects SET settings_json = json_set(settings_json, '$.prisma', json(?)) WHERE id = ?",
  ).run(JSON.stringify(value), projectId);
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
