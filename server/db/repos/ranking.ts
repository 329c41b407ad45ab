import type { Db } from '../connection';
import type { RankDocument } from '../../domain/ranking/document';
import { projectRecords } from './records';

export interface RankingRecord {
  id: number;
  doc: RankDocument;
}

export interface ScoreRow {
  recordId: number;
  score: number;
}

export interface RankingModelRow {
  projectId: number;
  modelVersion: string;
  trainedAt: string;
  includes: number;
  excludes: number;
  records: number;
  durationMs: number;
}

/** The text of every record of a project, in id order (the feature rows follow this order). */
export function listRankingRecords(db: Db, projectId: number): RankingRecord[] {
  return projectRecords(db, projectId, 'ranking').map(({ id, ...doc }) => ({ id, doc }));
}

/** Cheap fingerprint of a project's record set, to know when cached features are stale. */
export function recordSetStamp(db: Db, projectId: number): string {
  const row = db
    .prepare(
      'SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS maxId, COALESCE(SUM(id), 0) AS sumId FROM records WHERE project_id = ?',
    )
    .get(projectId) as { n: number; maxId: number; sumId: number };
  return `${row.n}:${row.maxId}:${row.sumId}`;
}

/** Replaces a project's scores and model row in one transaction. */
export function replaceScores(
  db: Db,
  projectId: number,
  scores: readonly ScoreRow[],
  model: Omit<RankingModelRow, 'projectId'>,
): void {
  const del = db.prepare('DELETE FROM ranking_scores WHERE project_id = ?');
  const ins = db.prepare(
    'INSERT INTO ranking_scores (record_id, project_id, score, model_version, trained_at) VALUES (?, ?, ?, ?, ?)',
  );
  const upsert = db.prepare(
    `INSERT INTO ranking_models (project_id, model_version, trained_at, includes, excludes, records, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(project_id) DO UPDATE SET model_version = excluded.model_version, trained_at = excluded.trained_at,
       includes = excluded.includes, excludes = excluded.excludes, records = excluded.records, duration_ms = excluded.duration_ms`,
  );
  db.transaction(() => {
    del.run(projectId);
    for (const s of scores) ins.run(s.recordId, projectId, s.score, model.modelVersion, model.trainedAt);
    upsert.run(
      projectId,
      model.modelVersion,
      model.trainedAt,
      model.includes,
      model.excludes,
      model.records,
      model.durationMs,
    );
  })();
}

/** model_version of the pseudo-scores that carry the cold-start order (not predictions). */
export const COLD_START_VERSION = 'cold-start';

/**
 * Scores of the given records (records without one are absent). `predictionsOnly` leaves out
 * the cold-start order, which ranks but predicts nothing and must not be shown as relevance.
 */
export function scoresFor(
  db: Db,
  projectId: number,
  recordIds: readonly number[],
  predictionsOnly = false,
): Map<number, number> {
  const out = new Map<number, number>();
  if (recordIds.length === 0) return out;
  const filter = predictionsOnly ? ` AND model_version <> '${COLD_START_VERSION}'` : '';
  let rows: { record_id: number; score: number }[];
  if (recordIds.length <= 500) {
    const marks = recordIds.map(() => '?').join(',');
    rows = db
      .prepare(
        `SELECT record_id, score FROM ranking_scores WHERE project_id = ? AND record_id IN (${marks})${filter}`,
      )
      .all(projectId, ...recordIds) as typeof rows;
  } else {
    // A whole queue: one pass over the project's scores beats thousands of lookups.
    const wanted = new Set(recordIds);
    rows = (
      db
        .prepare(`SELECT record_id, score FROM ranking_scores WHERE project_id = ?${filter}`)
        .all(projectId) as typeof rows
    ).filter((r) => wanted.has(r.record_id));
  }
  for (const r of rows) out.set(r.record_id, r.score);
  return out;
}

export function getRankingModel(db: Db, projectId: number): RankingModelRow | null {
  const r = db.prepare('SELECT * FROM ranking_models WHERE project_id = ?').get(projectId) as
    | {
        project_id: number;
        model_version: string;
        trained_at: string;
        includes: number;
        excludes: number;
        records: number;
        duration_ms: number;
      }
    | undefined;
  return r
    ? {
        projectId: r.project_id,
        modelVersion: r.model_version,
        trainedAt: r.trained_at,
        includes: r.includes,
        excludes: r.excludes,
        records: r.records,
        durationMs: r.duration_ms,
      }
    : null;
}

/**
 * Title/abstract outcomes that are settled (agreed by the required reviewers, or resolved),
 * in the order they were first voted on. Only settled outcomes train the model: a reviewer's
 * open vote never reorders a colleague's queue, so blind screening stays blind.
 */
export function settledTitleAbstractOutcomes(
  db: Db,
  projectId: number,
): { recordId: number; outcome: 'include' | 'exclude' }[] {
  return db
    .prepare(
      `SELECT s.record_id AS recordId, s.outcome AS outcome
         FROM screening_state s
        WHERE s.project_id = ? AND s.stage = 'title_abstract' AND s.outcome IS NOT NULL
          AND s.status IN ('agreed', 'resolved')
        ORDER BY (SELECT MIN(e.id) FROM screening_events e WHERE e.record_id = s.record_id AND e.stage = 'title_abstract'),
                 s.record_id`,
    )
    .all(projectId) as { recordId: number; outcome: 'include' | 'exclude' }[];
}
