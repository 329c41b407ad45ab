import { Router } from 'express';
import type { AppContext } from '../../app';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const row = ctx.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number;
    };
    res.json({ ok: true, schemaVersion: row.version, time: ctx.clock().toISOString() });
  });
  return router;
}
