import { Router } from 'express';
import type { AppContext } from '../../app';
import { healthRoutes } from './health';

/** Every API resource registers here, one line each. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(healthRoutes(ctx));
  return router;
}
