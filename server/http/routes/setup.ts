import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { completeSetup } from '../../services/setup';
import { sessionCookieValue } from '../auth';
import { answerWithSession } from './auth';

const SetupBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().max(4096),
  setupToken: z.string().max(200).default(''),
});

/** POST /setup: first-run setup makes the first administrator (services/setup.ts says when). */
export function setupRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/setup', async (req, res) => {
    const body = SetupBody.parse(req.body);
    const session = await completeSetup(ctx, ctx.setupToken, {
      ...body,
      previousToken: sessionCookieValue(req),
    });
    answerWithSession(req, res, session, {}, 201);
  });
  return router;
}
