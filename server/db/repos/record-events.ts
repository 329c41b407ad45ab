import type { Db } from '../connection';
import { prepared } from '../statements';

/**
 * A record's history of labels and removals before screening (append-only; a trigger refuses
 * edits). Screening events and deduplication decisions have their own tables; the timeline
 * reads all of them.
 */
export const RECORD_EVENT_KINDS = ['label_added', 'label_removed', 'removed', 'restored'] as const;
export type RecordEventKind = (typeof RECORD_EVENT_KINDS)[number];

export interface NewRecordEvent {
  recordId: number;
  kind: RecordEventKind;
  userId: number | null;
  labelName?: string | null;
  reason?: string | null;
  actionId?: number | null;
}

export interface RecordEvent {
  id: number;
  recordId: number;
  kind: RecordEventKind;
  userId: number | null;
  username: string | null;
  labelName: string | null;
  reason: string | null;
  actionId: number | null;
  createdAt: string;
}

export function appendRecordEvent(db: Db, projectId: number, event: NewRecordEvent, now: Date): void {
  prepared(
    db,
    `INSERT INTO record_events (project_id, record_id, kind, user_id, label_name, reason, action_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    projectId,
    event.recordId,
    event.kind,
    event.userId,
    event.labelName ?? null,
    event.reason ?? null,
    event.actionId ?? null,
    now.toISOString(),
  );
}

export function recordEventsOf(db: Db, projectId: number, recordId: number): RecordEvent[] {
  const rows = prepared(
    db,
    `SELECT e.id, e.record_id, e.kind, e.user_id, u.username, e.label_name, e.reason, e.action_id, e.created_at
       FROM record_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.project_id = ? AND e.record_id = ? ORDER BY e.id`,
  ).all(projectId, recordId) as {
    id: number;
    record_id: number;
    kind: RecordEventKind;
    user_id: number | null;
    username: string | null;
    label_name: string | null;
    reason: string | null;
    action_id: number | null;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    recordId: r.record_id,
    kind: r.kind,
    userId: r.user_id,
    username: r.username,
    labelName: r.label_name,
    reason: r.reason,
    actionId: r.action_id,
    createdAt: r.created_at,
  }));
}
