import type { Db } from '../connection';
import type { ReviewRecord, ReviewSource } from '../../domain/prisma/from-review';
import { recordColumns, recordFromRow, type RecordFieldsOf, type RecordRowOf } from './records';
import { removalsOfProject } from './record-removals';

export function reviewSources(db: Db, projectId: number): ReviewSource[] {
  return db
    .prepare('SELECT id, name, kind FROM sources WHERE project_id = ? ORDER BY id')
    .all(projectId) as ReviewSource[];
}

type Outcome = 'include' | 'exclude' | null;

/**
 * Every record of a project with its deduplication (the record it was merged into) and
 * screening state, in id order.
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
  const duplicateOf = new Map(
    db
      .prepare('SELECT id, duplicate_of FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL')
      .raw()
      .all(projectId) as [number, number][],
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
  const removed = removalsOfProject(db, projectId);
  const ids = [...sourceOf.keys()].sort((a, b) => a - b);
  return ids.map((id) => {
    const status = retrieval.get(id);
    return {
      id,
      sourceId: sourceOf.get(id)!,
      duplicateOf: duplicateOf.get(id) ?? null,
      removed: removed.get(id) ?? null,
      titleAbstract: titleAbstract.get(id) ?? null,
      retrieval: status === 'retrieved' || status === 'not_retrievable' ? status : null,
      fullText: fullText.get(id) ?? null,
      studyId: studyOf.get(id) ?? null,
    };
  });
}

/** A line of the records behind a PRISMA count: the record (records.ts owns its columns) and its source's name. */
export type DrillDownRecord = RecordFieldsOf<'drillDown'> & { sourceName: string };

/** The records with the given ids that belong to the project, in the order of `ids`. */
export function recordsByIds(db: Db, projectId: number, ids: readonly number[]): DrillDownRecord[] {
  if (ids.length === 0) return [];
  // json_each keeps the statement parameterised whatever the number of ids.
  const rows = db
    .prepare(
      `SELECT ${recordColumns('drillDown')}, s.name AS source_name
         FROM json_each(?) j
         JOIN records r ON r.id = j.value AND r.project_id = ?
         JOIN sources s ON s.id = r.source_id
        ORDER BY j.key`,
    )
    .all(JSON.stringify(ids), projectId) as (RecordRowOf<'drillDown'> & { source_name: string })[];
  return rows.map((row) => ({ ...recordFromRow(row), sourceName: row.source_name }));
}
