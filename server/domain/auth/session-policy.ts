/** How long a browser session lives, whatever happens: then the user signs in again. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** A session unused this long ends (a laptop left signed in over a weekend). */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads under load. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A session's times as it stores them: ISO text, like every time a row keeps (CONTRIBUTING.md, Time). */
export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Times for a session that starts now. */
export function newSessionTimes(now: Date): SessionTimes {
  const at = now.toISOString();
  return {
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  };
}

/** A session is live until its absolute expiry and while it was used within the idle window. */
export function sessionIsLive(session: { lastSeenAt: string; expiresAt: string }, now: Date): boolean {
  const t = now.getTime();
  return t < Date.parse(session.expiresAt) && t - Date.parse(session.lastSeenAt) < SESSION_IDLE_MS;
}

/** Whether last_seen_at is stale enough to be worth a write. */
export function sessionNeedsTouch(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= SESSION_TOUCH_MS;
}
