import { Router } from 'express';
import type { AppContext } from '../../app';
import { healthRoutes } from './health';
import { projectRoutes } from './projects';
import { recordRoutes } from './records';
import { sourceRoutes } from './sources';

/** Every API resource registers here, one line each. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(healthRoutes(ctx));
  router.use(projectRoutes(ctx));
  router.use(sourceRoutes(ctx));
  router.use(recordRoutes(ctx));
  return router;
}
