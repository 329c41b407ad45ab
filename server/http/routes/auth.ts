import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { UnauthenticatedError, ValidationError } from '../../domain/errors';
import { changePassword } from '../../services/accounts';
import { endSession, login } from '../../services/sessions';
import {
  clearSessionCookie,
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

/** POST /auth/login, POST /auth/logout, GET /auth/me, POST /auth/password. */
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
    res.cookie(sessionCookieName(req), session.token, sessionCookieOptions(req, session.expiresInMs));
    res.json({ user: session.user, csrfToken: session.csrfToken });
  });

  router.post('/auth/logout', (req, res) => {
    const principal = principalOf(req);
    if (principal.via === 'token') {
      throw new ValidationError(
        'logout ends a browser session; revoke an API token with DELETE /api/tokens/:tokenId',
      );
    }
    if (principal.via === 'session') endSession(ctx.db, principal.sessionId);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/auth/me', requireUser, (req, res) => {
    const principal = principalOf(req);
    const user = currentUser(req);
    if (principal.via === 'session') res.json({ user, via: 'session', csrfToken: principal.csrfToken });
    else res.json({ user, via: 'token' });
  });

  // Only from a browser session: a script's token must not be able to take the account over.
  router.post('/auth/password', requireSession, async (req, res) => {
    const body = PasswordBody.parse(req.body);
    const principal = principalOf(req);
    const keep = principal.via === 'session' ? principal.sessionId : undefined;
    await changePassword(ctx, currentUser(req).id, { ...body, keepSessionId: keep });
    res.status(204).end();
  });

  return router;
}
