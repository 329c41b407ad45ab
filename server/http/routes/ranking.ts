import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { rankingOverview, updatePrioritisationSettings } from '../../services/ranking';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { MODEL_NAMES, type ModelName } from '../../domain/ranking/ranker';

const SettingsBody = z
  .object({
    enabled: z.boolean(),
    keywords: z.array(z.string().min(1).max(100)).max(50),
    model: z.enum(MODEL_NAMES as [ModelName, ...ModelName[]]),
  })
  .partial()
  .strict();

const StoppingQuery = z.object({
  recallTarget: z.coerce.number().gt(0).lt(1).default(0.95),
  confidence: z.coerce.number().gt(0).lt(1).default(0.95),
  consecutiveExcludes: z.coerce.number().int().min(1).max(100000).default(100),
  window: z.coerce.number().int().min(1).max(100000).default(100),
});

/**
 * Prioritised screening: the owner's switch, and the dashboard's stopping panel (model state,
 * relevant records likely left, the hypergeometric test, N consecutive excludes). The queue
 * itself is ordered inside the screening routes.
 */
export function rankingRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/ranking';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    const options = StoppingQuery.parse(req.query);
    res.json(rankingOverview(ctx.db, currentProject(req).projectId, currentActor(req), options));
  });

  router.put(`${base}/settings`, requireProjectAction(ctx, 'settings'), (req, res) => {
    const patch = SettingsBody.parse(req.body);
    res.json(updatePrioritisationSettings(ctx, currentProject(req).projectId, patch));
  });

  return router;
}
