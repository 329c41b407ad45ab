import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../app';
import type { SignedInUser } from '../api/accounts';
import type { User } from '../db/repos/users';
import { minimumRole, type Action } from '../domain/auth/actions';
import type { Actor } from '../domain/auth/actor';
import { roleAtLeast, type Role } from '../domain/auth/roles';
import { safeEqual } from '../domain/auth/secrets';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors';
import { resolveApiToken } from '../services/api-tokens';
import { projectRole } from '../services/members';
import { resolveSession } from '../services/sessions';
import { idParam } from './routes/params';

/**
 * The guard layer. `authenticate` (mounted once on /api) works out who is calling and
 * enforces CSRF for browser sessions; routes then state what they need with `requireUser`,
 * `requireProjectRole` or `requireProjectAction`, and read the result with `currentUser`
 * and `currentProject`.
 *
 * Two ways in:
 *  - a browser session: httpOnly SameSite=Lax cookie `sift_session`, plus the header
 *    `X-CSRF-Token` (the `csrfToken` from login or /api/auth/me) on every state-changing request;
 *  - a personal API token: `Authorization: Bearer sift_…`, no CSRF token (a cross-site page
 *    cannot make a browser attach that header).
 */

/** The session cookie over plain HTTP (a local or LAN install). */
export const SESSION_COOKIE = 'sift_session';
/**
 * The session cookie over HTTPS: the __Host- prefix makes the browser insist on Secure,
 * Path=/ and no Domain, so no sibling host can plant or read it (ASVS 3.3.1).
 */
export const SECURE_SESSION_COOKIE = '__Host-sift_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export type Principal =
  | { via: 'session'; user: SignedInUser; sessionId: string; csrfToken: string; expiresAt: string }
  | { via: 'token'; user: SignedInUser; tokenId: number }
  | { via: 'anonymous'; problem?: string };

export interface ProjectAccess {
  projectId: number;
  role: Role;
}

const principals = new WeakMap<Request, Principal>();
const projectAccess = new WeakMap<Request, ProjectAccess>();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requests a cookie session may make without the CSRF header. Login replaces the session
 * (a browser may hold a stale cookie) and only accepts a JSON body, which a cross-site form
 * cannot send without a CORS preflight that we never grant.
 */
const CSRF_EXEMPT = new Set([
  'POST /auth/login',
  // Like login, these act for someone who is not signed in yet (they prove who they are with
  // a one-time token in the body) and take JSON only; a stale cookie must not block them.
  'POST /setup',
  'POST /auth/reset',
  'POST /auth/reset/inspect',
  'POST /invitations/inspect',
  'POST /invitations/register',
]);

/** The session cookie's name for this request: __Host-sift_session over HTTPS, sift_session otherwise. */
export function sessionCookieName(req: Request): string {
  return req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * Cookie options for the session cookie: httpOnly, SameSite=Lax, Secure when served over
 * HTTPS. The lifetime goes out as a duration (Max-Age), so the browser's clock does not matter.
 */
export function sessionCookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  };
}

/** The session cookie value the browser sent, under either name. */
export function sessionCookieValue(req: Request): string | undefined {
  const cookies = (req.cookies ?? {}) as Record<string, unknown>;
  const value = cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops the session cookie (both names) from the browser. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req), secure: false });
  if (req.secure) res.clearCookie(SECURE_SESSION_COOKIE, sessionCookieOptions(req));
}

function bearerToken(header: string): string | null {
  const match = /^Bearer +([A-Za-z0-9_-]+) *$/.exec(header);
  return match ? (match[1] as string) : null;
}

function identify(ctx: AppContext, req: Request, res: Response): Principal {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    // An explicit Authorization header wins over any cookie, and a bad one is never ignored.
    const token = bearerToken(authorization);
    const found = token ? resolveApiToken(ctx, token) : null;
    if (!found)
      return { via: 'anonymous', problem: 'the API token is invalid or revoked, or its account is disabled' };
    return { via: 'token', user: found.user, tokenId: found.tokenId };
  }
  const cookie = sessionCookieValue(req);
  if (cookie === undefined) return { via: 'anonymous' };
  const session = resolveSession(ctx, cookie);
  if (!session) {
    clearSessionCookie(req, res);
    return { via: 'anonymous', problem: 'your session has ended; sign in again' };
  }
  return { via: 'session', ...session };
}

/**
 * Mounted on /api before every router: identifies the caller (never refuses an anonymous
 * one: public routes such as /api/health stay public) and refuses a state-changing request
 * from a cookie session that lacks the matching X-CSRF-Token header.
 */
export function authenticate(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    // Answers carry unpublished judgements: never let a shared cache keep them.
    res.setHeader('Cache-Control', 'no-store');
    const principal = identify(ctx, req, res);
    principals.set(req, principal);
    if (
      principal.via === 'session' &&
      !SAFE_METHODS.has(req.method) &&
      !CSRF_EXEMPT.has(`${req.method} ${req.path}`)
    ) {
      const sent = req.get(CSRF_HEADER);
      if (sent === undefined || !safeEqual(sent, principal.csrfToken)) {
        next(new ForbiddenError(`missing or wrong ${CSRF_HEADER} header`, { reason: 'csrf' }));
        return;
      }
    }
    next();
  };
}

/** Who is calling (anonymous when `authenticate` did not run). */
export function principalOf(req: Request): Principal {
  return principals.get(req) ?? { via: 'anonymous' };
}

function signedIn(req: Request): Exclude<Principal, { via: 'anonymous' }> {
  const principal = principalOf(req);
  if (principal.via === 'anonymous') {
    throw new UnauthenticatedError(
      principal.problem ?? 'sign in first (session cookie or Authorization: Bearer token)',
    );
  }
  return principal;
}

/** The signed-in user; throws UnauthenticatedError (401) for an anonymous caller. */
export function currentUser(req: Request): User {
  const { user } = signedIn(req);
  return { id: user.id, username: user.username };
}

/** The signed-in user with their site role (the Admin page's guard reads it). */
export function currentSignedIn(req: Request): SignedInUser {
  const { user } = signedIn(req);
  return { id: user.id, username: user.username, admin: user.admin };
}

/** The caller as services see them in this project: user id and role (needs a project guard). */
export function currentActor(req: Request): Actor {
  return { userId: currentUser(req).id, role: currentProject(req).role };
}

/** The project and the caller's role in it, set by requireProjectRole/requireProjectAction. */
export function currentProject(req: Request): ProjectAccess {
  const access = projectAccess.get(req);
  // A route that reads this without a project guard is a bug, hence a plain Error (500).
  if (!access)
    throw new Error('currentProject() called on a route without requireProjectRole/requireProjectAction');
  return access;
}

const userGuard: RequestHandler = (req, _res, next) => {
  try {
    signedIn(req);
    next();
  } catch (error) {
    next(error);
  }
};

/**
 * Refuses anonymous callers with 401. Usable bare (`router.get(path, requireUser, …)`) or
 * like the project guards (`requireUser(ctx)`); both forms exist in callers' code.
 */
export function requireUser(ctx: AppContext): RequestHandler;
export function requireUser(req: Request, res: Response, next: NextFunction): void;
export function requireUser(
  ...args: [AppContext] | [Request, Response, NextFunction]
): RequestHandler | void {
  if (args.length === 1) return userGuard;
  userGuard(...args);
}

/** Refuses callers signed in with an API token: for acts a leaked script token must not do. */
export const requireSession: RequestHandler = (req, _res, next) => {
  try {
    const principal = signedIn(req);
    if (principal.via !== 'session')
      throw new ForbiddenError('this needs a browser session, not an API token');
    next();
  } catch (error) {
    next(error);
  }
};

/**
 * Site administrators only, from a browser session: a leaked script token must not be able
 * to make accounts, disable them or issue password links (which would take an account over).
 */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  try {
    const principal = signedIn(req);
    checkPathIds(req); // a malformed id is the same 400 here as on every route
    if (!principal.user.admin) throw new ForbiddenError('this needs a site administrator');
    if (principal.via !== 'session')
      throw new ForbiddenError('this needs a browser session, not an API token');
    next();
  } catch (error) {
    next(error);
  }
};

/**
 * Every id in the path (a parameter named `id` or `…Id`) is checked before anything else
 * runs, so a malformed one is the same 400 on every project route whatever its handler
 * reads first.
 */
function checkPathIds(req: Request): void {
  for (const name of Object.keys(req.params)) if (name === 'id' || name.endsWith('Id')) idParam(req, name);
}

/**
 * Route guard for /api/projects/:projectId/… (or :id): anonymous → 401; a malformed id in
 * the path → 400 (it names nothing, so it tells a stranger nothing); not a member, or no
 * such project → 404 (a stranger cannot tell which projects exist); member below `minimum`
 * → 403. On success `currentProject(req)` gives {projectId, role}.
 */
export function requireProjectRole(ctx: AppContext, minimum: Role): RequestHandler {
  return (req, _res, next) => {
    try {
      const { user } = signedIn(req);
      checkPathIds(req);
      const projectId = idParam(req, req.params.projectId === undefined ? 'id' : 'projectId');
      const role = projectRole(ctx.db, projectId, user.id);
      if (role === undefined) throw new NotFoundError('project not found');
      if (!roleAtLeast(role, minimum)) {
        throw new ForbiddenError(`this needs the ${minimum} role in this project; you are ${role}`, {
          required: minimum,
          role,
        });
      }
      projectAccess.set(req, { projectId, role });
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** requireProjectRole with the role that the actions table (domain/auth/actions.ts) names for `action`. */
export function requireProjectAction(ctx: AppContext, action: Action): RequestHandler {
  return requireProjectRole(ctx, minimumRole(action));
}
