/**
 * Login throttling (ASVS 6.1.1, 6.3.1): which sign-in attempts to refuse, from the failures
 * seen in a sliding window. Two counters, kept apart as OWASP's Credential Stuffing Prevention
 * Cheat Sheet asks (per-source failures tracked separately from per-account ones):
 *
 *  - per address: `perIp` failures from one client address (IPv6: one /56), whatever the
 *    usernames, refuse that address for everything (password spraying, credential stuffing
 *    from one source);
 *  - per username: `perUsername` failures for one account, from anywhere, lock that account,
 *    but only for the addresses that have themselves failed for it. An address that has not
 *    failed for the account keeps its chance, so guessing someone's password from one place
 *    cannot lock its owner out everywhere (OWASP Authentication Cheat Sheet: a lockout must not
 *    become a denial of service), while a distributed guesser gets one more try per fresh
 *    address after the lock, not a fresh allowance.
 *
 * Only failures count. State is plain data owned by the caller; time is passed in.
 */

export interface LoginLimits {
  windowMs: number;
  /** failed logins from one address (one /56 for IPv6) across all usernames */
  perIp: number;
  /** failed logins for one username, from anywhere, before it is locked for the addresses that failed */
  perUsername: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60 * 1000, perIp: 30, perUsername: 10 };

/** One sign-in attempt as the throttle sees it: a username (case-folded) and a client address key. */
export interface LoginAttempt {
  username: string;
  address: string;
}

/** Failure times (ms) per address, per username and per (username, address). */
export interface LoginFailures {
  byAddress: Map<string, number[]>;
  byUsername: Map<string, number[]>;
  byPair: Map<string, number[]>;
  /** failures recorded since the last full sweep of expired entries */
  sinceSweep: number;
}

export type LoginVerdict =
  { allowed: true } | { allowed: false; why: 'address' | 'username'; retryAfterMs: number };

export function emptyLoginFailures(): LoginFailures {
  return { byAddress: new Map(), byUsername: new Map(), byPair: new Map(), sinceSweep: 0 };
}

const pairKey = (a: LoginAttempt) => `${a.username}\n${a.address}`;
const usernameKey = (name: string) => name.normalize('NFC').toLowerCase();

/** The failures of one key still inside the window (and forgets the rest). */
function live(map: Map<string, number[]>, key: string, now: number, windowMs: number): number[] {
  const times = map.get(key);
  if (!times) return [];
  const kept = times.filter((t) => t > now - windowMs);
  if (kept.length === 0) map.delete(key);
  else if (kept.length !== times.length) map.set(key, kept);
  return kept;
}

/** When the oldest failure that keeps a counter at its limit leaves the window. */
function retryAfter(times: number[], limit: number, now: number, windowMs: number): number {
  const freeing = times[times.length - limit] ?? now;
  return Math.max(1000, freeing + windowMs - now);
}

/** Whether an attempt may go ahead; never records anything. */
export function loginVerdict(
  failures: LoginFailures,
  attempt: LoginAttempt,
  now: Date,
  limits: LoginLimits,
): LoginVerdict {
  const t = now.getTime();
  const a = { ...attempt, username: usernameKey(attempt.username) };
  const fromAddress = live(failures.byAddress, a.address, t, limits.windowMs);
  if (fromAddress.length >= limits.perIp) {
    return {
      allowed: false,
      why: 'address',
      retryAfterMs: retryAfter(fromAddress, limits.perIp, t, limits.windowMs),
    };
  }
  const forUser = live(failures.byUsername, a.username, t, limits.windowMs);
  const pair = live(failures.byPair, pairKey(a), t, limits.windowMs);
  if (forUser.length >= limits.perUsername && pair.length > 0) {
    // Free again once either this address's own failures or the account's count leave the window.
    const wait = Math.min(
      retryAfter(pair, 1, t, limits.windowMs),
      retryAfter(forUser, limits.perUsername, t, limits.windowMs),
    );
    return { allowed: false, why: 'username', retryAfterMs: wait };
  }
  return { allowed: true };
}

/** Counts one failed sign-in; every so often drops every expired entry so memory stays bounded. */
export function recordLoginFailure(
  failures: LoginFailures,
  attempt: LoginAttempt,
  now: Date,
  limits: LoginLimits,
): void {
  const t = now.getTime();
  const a = { ...attempt, username: usernameKey(attempt.username) };
  for (const [map, key] of [
    [failures.byAddress, a.address],
    [failures.byUsername, a.username],
    [failures.byPair, pairKey(a)],
  ] as const) {
    map.set(key, [...live(map, key, t, limits.windowMs), t]);
  }
  failures.sinceSweep += 1;
  if (failures.sinceSweep >= 1000) {
    failures.sinceSweep = 0;
    for (const map of [failures.byAddress, failures.byUsername, failures.byPair]) {
      for (const key of [...map.keys()]) live(map, key, t, limits.windowMs);
    }
  }
}
