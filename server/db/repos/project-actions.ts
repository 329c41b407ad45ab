import type { Db } from '../connection';
import { prepared } from '../statements';
import { NotFoundError } from '../../domain/errors';

/** What the project's history records: bulk actions (undoable) and corrections of sources. */
export const PROJECT_ACTION_KINDS = [
  'bulk_label',
  'bulk_exclude',
  'bulk_merge',
  'source_edit',
  'source_delete',
] as const;
export type ProjectActionKind = (typeof PROJECT_ACTION_KINDS)[number];

/** One entry of the project's history. */
export interface ProjectAction {
  id: number;
  kind: ProjectActionKind;
  userId: number | null;
  username: string | null;
  summary: string;
  details: Record<string, unknown>;
  touched: number;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: number | null;
  undoneByUsername: string | null;
}

interface ActionRow {
  id: number;
  kind: ProjectActionKind;
  user_id: number | null;
  username: string | null;
  summary: string;
  details_json: string;
  touched: number;
  created_at: string;
  undone_at: string | null;
  undone_by: number | null;
  undone_by_username: string | null;
}

function toAction(row: ActionRow): ProjectAction {
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    username: row.username,
    summary: row.summary,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    touched: row.touched,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
    undoneByUsername: row.undone_by_username,
  };
}

const SELECT = `SELECT a.id, a.kind, a.user_id, u.username, a.summary, a.details_json, a.touched, a.created_at,
    a.undone_at, a.undone_by, v.username AS undone_by_username
  FROM project_actions a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users v ON v.id = a.undone_by`;

export interface NewProjectAction {
  kind: ProjectActionKind;
  userId: number | null;
  summary: string;
  details: Record<string, unknown>;
  touched?: number;
}

export function insertAction(db: Db, projectId: number, action: NewProjectAction, now: Date): number {
  const info = prepared(
    db,
    `INSERT INTO project_actions (project_id, kind, user_id, summary, details_json, touched, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    projectId,
    action.kind,
    action.userId,
    action.summary,
    JSON.stringify(action.details),
    action.touched ?? 0,
    now.toISOString(),
  );
  return Number(info.lastInsertRowid);
}

/** Records how many rows an action touched, once it has run. */
export function setTouched(db: Db, actionId: number, touched: number): void {
  prepared(db, 'UPDATE project_actions SET touched = ? WHERE id = ?').run(touched, actionId);
}

/** Replaces an action's details (a bulk merge knows its decisions only once it has made them). */
export function setActionDetails(db: Db, actionId: number, details: Record<string, unknown>): void {
  prepared(db, 'UPDATE project_actions SET details_json = ? WHERE id = ?').run(
    JSON.stringify(details),
    actionId,
  );
}

export function getAction(db: Db, projectId: number, actionId: number): ProjectAction {
  const row = prepared(db, `${SELECT} WHERE a.id = ? AND a.project_id = ?`).get(actionId, projectId) as
    ActionRow | undefined;
  if (!row) throw new NotFoundError(`action ${actionId} not found`);
  return toAction(row);
}

/** The project's history, newest first. */
export function listActions(db: Db, projectId: number, limit = 200): ProjectAction[] {
  return (
    prepared(db, `${SELECT} WHERE a.project_id = ? ORDER BY a.id DESC LIMIT ?`).all(
      projectId,
      limit,
    ) as ActionRow[]
  ).map(toAction);
}

export function markActionUndone(db: Db, actionId: number, userId: number | null, now: Date): void {
  prepared(db, 'UPDATE project_actions SET undone_at = ?, undone_by = ? WHERE id = ?').run(
    now.toISOString(),
    userId,
    actionId,
  );
}
