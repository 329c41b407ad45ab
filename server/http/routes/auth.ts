import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { LoginResponse } from '../../api/accounts';
import type { AppContext } from '../../app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../services/demo-steps';
import { UnauthenticatedError, ValidationError } from '../../domain/errors';
import { changePassword } from '../../services/accounts';
import { inspectPasswordLink, usePasswordLink } from '../../services/password-links';
import { endEverySession, endSession, login, type StartedSession } from '../../services/sessions';
import { siteStatus } from '../../services/setup';
import {
  clearSessionCookie,
  currentSignedIn,
  currentUser,
  principalOf,
  requireSession,
  requireUser,
  sessionCookieName,
  sessionCookieOptions,
  sessionCookieValue,
} from '../auth';
import { loginThrottle } from '../login-limits';

const LoginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(4096),
});

const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(4096),
  newPassword: z.string().max(4096),
});

const LinkBody = z.object({ token: z.string().min(1).max(200) });
const ResetBody = LinkBody.extend({ newPassword: z.string().max(4096) });

/** Sets the new session's cookie and answers what login answers: `{user, csrfToken}` (+ `extra`). */
export function answerWithSession(
  req: Request,
  res: Response,
  session: StartedSession,
  extra: object = {},
  status = 200,
): void {
  res.cookie(sessionCookieName(req), session.token, sessionCookieOptions(req, session.expiresInMs));
  const body: LoginResponse = { user: session.user, csrfToken: session.csrfToken };
  res.status(status).json({ ...body, ...extra });
}

/**
 * POST /auth/login, /auth/logout, /auth/logout-everywhere, /auth/password, /auth/reset(/inspect);
 * GET /auth/me, /auth/status.
 */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const throttle = loginThrottle(ctx.clock, ctx.loginLimits);

  router.post('/auth/login', throttle.guard, async (req, res) => {
    const body = LoginBody.parse(req.body);
    const session = await login(ctx, { ...body, previousToken: sessionCookieValue(req) }).catch(
      (error: unknown) => {
        if (error instanceof UnauthenticatedError) throttle.failed(req, body.username);
        throw error;
      },
    );
    answerWithSession(req, res, session);
  });

  router.post('/auth/logout', (req, res) => {
    const principal = principalOf(req);
    if (principal.via === 'token') {
      throw new ValidationError(
        'logout ends a browser session; revoke an API token with DELETE /api/tokens/:tokenId',
      );
    }
    if (principal.via === 'session') endSession(ctx, principal.user, principal.sessionId);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  // Every browser of the account, this one included; from a browser session only.
  router.post('/auth/logout-everywhere', requireSession, (req, res) => {
    const ended = endEverySession(ctx, currentUser(req));
    clearSessionCookie(req, res);
    res.json({ sessionsEnded: ended });
  });

  router.get('/auth/me', requireUser, (req, res) => {
    const principal = principalOf(req);
    const user = currentSignedIn(req);
    if (principal.via === 'session') res.json({ user, via: 'session', csrfToken: principal.csrfToken });
    else res.json({ user, via: 'token' });
  });

  // Public: whether first-run setup is open, and the demo's accounts when this is the demo.
  router.get('/auth/status', (_req, res) => {
    const demo = ctx.demo
      ? { accounts: DEMO_ACCOUNTS.map((a) => a.username), password: DEMO_PASSWORD }
      : null;
    res.json(siteStatus(ctx, demo));
  });

  // Only from a browser session: a script's token must not be able to take the account over.
  router.post('/auth/password', requireSession, async (req, res) => {
    const body = PasswordBody.parse(req.body);
    const principal = principalOf(req);
    const keep = principal.via === 'session' ? principal.sessionId : undefined;
    await changePassword(ctx, currentUser(req).id, { ...body, keepSessionId: keep });
    res.status(204).end();
  });

  // A one-time password link (reset, or a new account's first password): public, the token proves it.
  router.post('/auth/reset/inspect', (req, res) => {
    res.json(inspectPasswordLink(ctx, LinkBody.parse(req.body).token));
  });

  router.post('/auth/reset', async (req, res) => {
    const body = ResetBody.parse(req.body);
    const session = await usePasswordLink(ctx, { ...body, previousToken: sessionCookieValue(req) });
    answerWithSession(req, res, session);
  });

  return router;
}
