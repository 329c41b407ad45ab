import type { Db } from '../db/connection';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from '../db/repos/sessions';
import type { User } from '../db/repos/users';
import { newSecret, secretHash } from '../domain/auth/secrets';
import { newSessionTimes, sessionIsLive, sessionNeedsTouch } from '../domain/auth/session-policy';
import { checkCredentials } from './accounts';

export interface StartedSession {
  user: User;
  /** the cookie value; only its hash is stored */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LiveSession {
  user: User;
  /** the stored id (hash of the cookie value) */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Signs a user in: checks the password and starts a brand-new session (never reuses one,
 * so a session id planted before login is worthless). The session the browser had before,
 * if any, is ended.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now: Date,
  previousToken?: string,
): Promise<StartedSession> {
  const user = await checkCredentials(db, username, password);
  const token = newSecret();
  const csrfToken = newSecret();
  const times = newSessionTimes(now);
  db.transaction(() => {
    if (previousToken) deleteSession(db, secretHash(previousToken));
    deleteExpiredSessions(db, now);
    insertSession(db, { id: secretHash(token), userId: user.id, csrfToken, ...times });
  })();
  return { user, token, csrfToken, expiresAt: times.expiresAt };
}

/** The live session for a cookie value, or null; a dead one is deleted on sight. */
export function resolveSession(db: Db, token: string, now: Date): LiveSession | null {
  const id = secretHash(token);
  const session = findSession(db, id);
  if (!session) return null;
  if (!sessionIsLive(session, now)) {
    deleteSession(db, id);
    return null;
  }
  if (sessionNeedsTouch(session.lastSeenAt, now)) touchSession(db, id, now);
  return {
    user: { id: session.userId, username: session.username },
    sessionId: id,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** Server-side logout: the session row is gone, so the cookie no longer opens anything. */
export function endSession(db: Db, sessionId: string): void {
  deleteSession(db, sessionId);
}
