import { Router } from 'express';
import type { AppContext } from '../../app';
import { authRoutes } from './auth';
import { fulltextRoutes } from './fulltext';
import { healthRoutes } from './health';
import { memberRoutes } from './members';
import { rankingRoutes } from './ranking';
import { screeningRoutes } from './screening';
import { tokenRoutes } from './tokens';

/** Every API resource registers here, one line each. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(healthRoutes(ctx));
  router.use(authRoutes(ctx));
  router.use(tokenRoutes(ctx));
  router.use(memberRoutes(ctx));
  router.use(screeningRoutes(ctx));
  router.use(fulltextRoutes(ctx));
  router.use(rankingRoutes(ctx));
  return router;
}
