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
import type { ServiceDeps } from './deps';

export interface StartedSession {
  user: User;
  /** the cookie value; only its hash is stored */
  token: string;
  csrfToken: string;
  /** how long from now the session lives, to its absolute expiry: the cookie's Max-Age */
  expiresInMs: number;
}

export interface LiveSession {
  user: User;
  /** the stored id (hash of the cookie value) */
  sessionId: string;
  csrfToken: string;
  /** ISO time of the absolute expiry */
  expiresAt: string;
}

export interface LoginInput {
  username: string;
  password: string;
  /** the cookie the browser still sent, if any: that session ends */
  previousToken?: string | undefined;
}

/**
 * Signs a user in: checks the password and starts a brand-new session (never reuses one,
 * so a session id planted before login is worthless). The session the browser had before,
 * if any, is ended.
 */
export async function login(deps: ServiceDeps, input: LoginInput): Promise<StartedSession> {
  const { db } = deps;
  const user = await checkCredentials(db, input);
  const now = deps.clock();
  const token = newSecret();
  const csrfToken = newSecret();
  const times = newSessionTimes(now);
  db.transaction(() => {
    if (input.previousToken) deleteSession(db, secretHash(input.previousToken));
    deleteExpiredSessions(db, now);
    insertSession(db, { id: secretHash(token), userId: user.id, csrfToken, ...times });
  })();
  const expiresInMs = Date.parse(times.expiresAt) - now.getTime();
  return { user, token, csrfToken, expiresInMs };
}

/** The live session for a cookie value, or null; a dead one is deleted on sight. */
export function resolveSession(deps: ServiceDeps, token: string): LiveSession | null {
  const { db } = deps;
  const now = deps.clock();
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
