import type * as Api from '../api/types';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  touchSession,
} from '../db/repos/sessions';
import { touchLastLogin, type User } from '../db/repos/users';
import { newSecret, secretHash } from '../domain/auth/secrets';
import { newSessionTimes, sessionIsLive, sessionNeedsTouch } from '../domain/auth/session-policy';
import { checkCredentials } from './accounts';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';

export interface StartedSession {
  user: Api.SignedInUser;
  /** the cookie value; only its hash is stored */
  token: string;
  csrfToken: string;
  /** how long from now the session lives, to its absolute expiry: the cookie's Max-Age */
  expiresInMs: number;
}

export interface LiveSession {
  user: Api.SignedInUser;
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
 * Starts a brand-new session for a user whose identity was just proved (password, setup,
 * a password link, an invitation): never reuses one, so a session id planted before is
 * worthless, and ends the one the browser had before. Runs inside the caller's transaction
 * when there is one.
 */
export function startSession(
  deps: ServiceDeps,
  user: Api.SignedInUser,
  previousToken: string | undefined,
  now: Date = deps.clock(),
): StartedSession {
  const { db } = deps;
  const token = newSecret();
  const csrfToken = newSecret();
  const times = newSessionTimes(now);
  db.transaction(() => {
    if (previousToken) deleteSession(db, secretHash(previousToken));
    deleteExpiredSessions(db, now);
    insertSession(db, { id: secretHash(token), userId: user.id, csrfToken, ...times });
    touchLastLogin(db, user.id, now);
    logAccountEvent(db, now, { event: 'signed_in', subject: user });
  })();
  const expiresInMs = Date.parse(times.expiresAt) - now.getTime();
  return { user, token, csrfToken, expiresInMs };
}

/** Signs a user in with a password (a disabled account is refused) and starts a session. */
export async function login(deps: ServiceDeps, input: LoginInput): Promise<StartedSession> {
  const user = await checkCredentials(deps, input);
  return startSession(deps, user, input.previousToken);
}

/**
 * The live session for a cookie value, or null; a dead one, or one whose account has been
 * disabled, is deleted on sight (so a disabled account's cookie stops at its next request).
 */
export function resolveSession(deps: ServiceDeps, token: string): LiveSession | null {
  const { db } = deps;
  const now = deps.clock();
  const id = secretHash(token);
  const session = findSession(db, id);
  if (!session) return null;
  if (!sessionIsLive(session, now) || session.userDisabledAt !== null) {
    deleteSession(db, id);
    return null;
  }
  if (sessionNeedsTouch(session.lastSeenAt, now)) touchSession(db, id, now);
  return {
    user: { id: session.userId, username: session.username, admin: session.isAdmin },
    sessionId: id,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** Server-side logout: the session row is gone, so the cookie no longer opens anything. */
export function endSession(deps: ServiceDeps, user: User, sessionId: string): void {
  const { db } = deps;
  const now = deps.clock();
  db.transaction(() => {
    deleteSession(db, sessionId);
    logAccountEvent(db, now, { event: 'signed_out', subject: user });
  })();
}

/** Signs a user out of every browser, this one included; API tokens are revoked separately. */
export function endEverySession(deps: ServiceDeps, user: User): number {
  const { db } = deps;
  const now = deps.clock();
  return db.transaction(() => {
    const ended = deleteUserSessions(db, user.id);
    logAccountEvent(db, now, { event: 'signed_out_everywhere', subject: user, details: { sessions: ended } });
    return ended;
  })();
}
