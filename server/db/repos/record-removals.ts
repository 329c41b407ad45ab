import type { Db } from '../connection';
import { prepared } from '../statements';

/**
 * Records removed before screening by a bulk exclusion (migration 0011): out of title/abstract
 * screening, counted by PRISMA as "Records removed for other reasons".
 */

export interface Removal {
  recordId: number;
  actionId: number;
  reason: string;
  removedAt: string;
}

/** Removes one record before screening (the caller has checked that nobody has screened it). */
export function insertRemoval(
  db: Db,
  projectId: number,
  input: { recordId: number; actionId: number; reason: string },
  now: Date,
): void {
  prepared(
    db,
    'INSERT INTO record_removals (record_id, project_id, action_id, reason, removed_at) VALUES (?, ?, ?, ?, ?)',
  ).run(input.recordId, projectId, input.actionId, input.reason, now.toISOString());
}

/** Puts back the records an action removed; returns their ids. */
export function deleteRemovalsOf(db: Db, actionId: number): number[] {
  const ids = prepared(db, 'SELECT record_id FROM record_removals WHERE action_id = ? ORDER BY record_id')
    .pluck()
    .all(actionId) as number[];
  prepared(db, 'DELETE FROM record_removals WHERE action_id = ?').run(actionId);
  return ids;
}

export function removalOf(db: Db, recordId: number): Removal | undefined {
  const row = prepared(
    db,
    'SELECT record_id, action_id, reason, removed_at FROM record_removals WHERE record_id = ?',
  ).get(recordId) as { record_id: number; action_id: number; reason: string; removed_at: string } | undefined;
  return (
    row && { recordId: row.record_id, actionId: row.action_id, reason: row.reason, removedAt: row.removed_at }
  );
}

/** Every record of the project removed before screening, with its reason, by id. */
export function removalsOfProject(db: Db, projectId: number): Map<number, string> {
  return new Map(
    prepared(db, 'SELECT record_id, reason FROM record_removals WHERE project_id = ?')
      .raw()
      .all(projectId) as [number, string][],
  );
}

/**
 * Of the given records, those a bulk exclusion may remove before screening: kept (not a
 * duplicate), not removed already, and with no standing title/abstract state (no vote, no
 * resolution), so nobody has screened them.
 */
export function unscreenedRecordIds(db: Db, projectId: number, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return prepared(
    db,
    `SELECT r.id FROM json_each(?) j JOIN records r ON r.id = j.value AND r.project_id = ?
      WHERE r.duplicate_of IS NULL
        AND NOT EXISTS (SELECT 1 FROM record_removals x WHERE x.record_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM screening_state s WHERE s.record_id = r.id)
      ORDER BY r.id`,
  )
    .pluck()
    .all(JSON.stringify(ids), projectId) as number[];
}
