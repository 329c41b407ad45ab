import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import type { ApiToken } from '../../db/repos/tokens';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens';
import { currentUser, requireSession, requireUser } from '../auth';
import { idParam } from './params';

const CreateBody = z.object({ name: z.string().trim().min(1).max(100).default('api token') });

const present = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

/** A user's own personal API tokens: list, make (secret shown once), revoke. */
export function tokenRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/tokens', requireUser, (req, res) => {
    res.json(listApiTokens(ctx.db, currentUser(req).id).map(present));
  });

  // Only from a browser session: a leaked token must not be able to mint a replacement
  // that outlives its revocation.
  router.post('/tokens', requireSession, (req, res) => {
    const body = CreateBody.parse(req.body ?? {});
    const created = createApiToken(ctx, currentUser(req).id, body.name);
    res.status(201).json(created);
  });

  router.delete('/tokens/:tokenId', requireUser, (req, res) => {
    const tokenId = idParam(req, 'tokenId');
    revokeApiToken(ctx, currentUser(req).id, tokenId);
    res.status(204).end();
  });

  return router;
}
