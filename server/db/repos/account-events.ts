import type { Db } from '../connection';

/** One entry of the append-only account log (the triggers of its migration refuse UPDATE and DELETE). */
export interface AccountEventRow {
  id: number;
  at: string;
  event: string;
  actorId: number | null;
  actorName: string | null;
  subjectId: number | null;
  subjectName: string | null;
  projectId: number | null;
  details: Record<string, unknown> | null;
}

interface Row {
  id: number;
  at: string;
  event: string;
  actor_id: number | null;
  actor_name: string | null;
  subject_id: number | null;
  subject_name: string | null;
  project_id: number | null;
  details_json: string | null;
}

export type NewAccountEvent = Omit<AccountEventRow, 'id' | 'at'>;

export function appendAccountEvent(db: Db, now: Date, e: NewAccountEvent): void {
  db.prepare(
    `INSERT INTO account_events (at, event, actor_id, actor_name, subject_id, subject_name, project_id, details_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    now.toISOString(),
    e.event,
    e.actorId,
    e.actorName,
    e.subjectId,
    e.subjectName,
    e.projectId,
    e.details ? JSON.stringify(e.details) : null,
  );
}

/** The newest events first, `limit` of them, older than event `beforeId` when given. */
export function listAccountEvents(db: Db, options: { limit: number; beforeId?: number }): AccountEventRow[] {
  const rows = db
    .prepare(
      `SELECT id, at, event, actor_id, actor_name, subject_id, subject_name, project_id, details_json
       FROM account_events WHERE id < ? ORDER BY id DESC LIMIT ?`,
    )
    .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit) as Row[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    event: r.event,
    actorId: r.actor_id,
    actorName: r.actor_name,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    projectId: r.project_id,
    details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null,
  }));
}
