import type { SessionTimes } from '../../domain/auth/session-policy';
import type { Db } from '../connection';

export interface SessionRecord extends SessionTimes {
  /** hex SHA-256 of the cookie value */
  id: string;
  userId: number;
  username: string;
  csrfToken: string;
  /** the user's site role and whether the account is disabled, read with the session */
  isAdmin: boolean;
  userDisabledAt: string | null;
}

interface SessionRow {
  id: string;
  user_id: number;
  username: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  is_admin: number;
  disabled_at: string | null;
}

export interface NewSession extends SessionTimes {
  id: string;
  userId: number;
  csrfToken: string;
}

export function insertSession(db: Db, s: NewSession): void {
  db.prepare(
    `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.id, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt);
}

/** A session with its user's name, or undefined; liveness is the caller's to judge. */
export function findSession(db: Db, id: string): SessionRecord | undefined {
  const row = db
    .prepare(
      `SELECT s.id, s.user_id, u.username, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
              u.is_admin, u.disabled_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    )
    .get(id) as SessionRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    isAdmin: row.is_admin === 1,
    userDisabledAt: row.disabled_at,
  };
}

export function touchSession(db: Db, id: string, now: Date): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
}

export function deleteSession(db: Db, id: string): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}

/** Ends every session of a user except, optionally, the one making the request. */
export function deleteUserSessions(db: Db, userId: number, exceptId?: string): number {
  const info = db
    .prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?')
    .run(userId, exceptId ?? null);
  return info.changes;
}

/** Removes sessions past their absolute expiry (idle ones are refused on use and swept here later). */
export function deleteExpiredSessions(db: Db, now: Date): number {
  return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
}

export function countUserSessions(db: Db, userId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number }).n;
}
