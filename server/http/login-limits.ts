import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Clock } from '../domain/clock';
import {
  DEFAULT_LOGIN_LIMITS,
  emptyLoginFailures,
  loginVerdict,
  recordLoginFailure,
  type LoginAttempt,
  type LoginLimits,
} from '../domain/auth/login-throttle';
import { RateLimitedError } from '../domain/errors';

export type { LoginLimits } from '../domain/auth/login-throttle';

export interface LoginThrottle {
  /** Runs before the password is checked: refuses a throttled attempt with 429 and Retry-After. */
  guard: RequestHandler;
  /** Counts a failed sign-in (wrong username or password) for this request. */
  failed(req: Request, username: string): void;
}

/**
 * The client's address as the throttle counts it: `req.ip`, which is the socket's peer unless
 * `trust proxy` names the proxy in front (then the client X-Forwarded-For gives); IPv6 by /56,
 * as one household or host usually gets a whole prefix.
 */
function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown', 56);
}

function attemptOf(req: Request, username?: string): LoginAttempt {
  const body: unknown = req.body;
  const typed =
    username ?? (typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : '');
  return { username: typeof typed === 'string' ? typed : '', address: addressOf(req) };
}

/**
 * Login throttling for one app (ASVS 6.3.1; the rule is in domain/auth/login-throttle.ts).
 * Counters live in memory: a restart forgets them, which is acceptable for one server process.
 */
export function loginThrottle(clock: Clock, overrides: Partial<LoginLimits> = {}): LoginThrottle {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...overrides };
  const failures = emptyLoginFailures();
  return {
    guard: (req, res, next) => {
      const verdict = loginVerdict(failures, attemptOf(req), clock(), limits);
      if (verdict.allowed) {
        next();
        return;
      }
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      next(
        new RateLimitedError(
          `too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`,
          { retryAfterSeconds: seconds },
        ),
      );
    },
    failed: (req, username) => recordLoginFailure(failures, attemptOf(req, username), clock(), limits),
  };
}
