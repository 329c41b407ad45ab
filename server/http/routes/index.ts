import { Router } from 'express';
import type { AppContext } from '../../app';
import { authRoutes } from './auth';
import { healthRoutes } from './health';
import { memberRoutes } from './members';
import { tokenRoutes } from './tokens';

/** Every API resource registers here, one line each. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(healthRoutes(ctx));
  router.use(authRoutes(ctx));
  router.use(tokenRoutes(ctx));
  router.use(memberRoutes(ctx));
  return router;
}
