import { Router } from 'express';
import type { AppContext } from '../../app';
import { health } from '../../services/health';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json(health(ctx));
  });
  return router;
}
