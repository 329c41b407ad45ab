import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError } from '../domain/errors';

/** Login throttling (ASVS 6.3.1): failed attempts allowed per window, per client IP and per username. */
export interface LoginLimits {
  windowMs: number;
  /** failed logins from one IP (one /56 for IPv6) across all usernames: slows password spraying */
  perIp: number;
  /** failed logins for one username from anywhere: slows guessing one account's password */
  perUsername: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60 * 1000, perIp: 30, perUsername: 10 };

function refuse(windowMs: number): RequestHandler {
  const minutes = Math.ceil(windowMs / 60000);
  return (_req, _res, next) =>
    next(new RateLimitedError(`too many failed sign-in attempts; try again in up to ${minutes} minutes`));
}

/**
 * The two limiters in front of POST /api/auth/login. Only failed attempts count (a
 * successful login needs the password anyway), but once a limit is reached every attempt
 * is refused with 429 until the window passes, the right password included. Counters live
 * in memory, one set per app: a restart forgets them, which is acceptable for one server.
 */
export function loginLimiters(overrides: Partial<LoginLimits> = {}): RequestHandler[] {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...overrides };
  const common = {
    windowMs: limits.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: refuse(limits.windowMs),
  };
  const perIp = rateLimit({ ...common, limit: limits.perIp });
  const perUsername = rateLimit({
    ...common,
    limit: limits.perUsername,
    // Usernames are case-insensitive, so are their counters.
    keyGenerator: (req) => {
      const body: unknown = req.body;
      const name =
        typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : undefined;
      return `user:${typeof name === 'string' ? name.toLowerCase() : ''}`;
    },
  });
  return [perIp, perUsername];
}
