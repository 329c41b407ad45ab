import { Router } from 'express';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { previewBulk, projectHistory, runBulk, undoBulk, type BulkInput } from '../../services/bulk';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { FilterBody } from '../record-filter';
import { idParam } from './params';

const BulkBody = z.object({
  filter: FilterBody.default({}),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('label'), labelId: z.number().int().positive() }),
    z.object({ kind: z.literal('exclude'), reason: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('merge_clusters'), minScore: z.number().min(0).max(1) }),
  ]),
});

/**
 * Bulk actions (owners): preview, run, undo; and the project's history, where they and the
 * corrections of sources are recorded.
 */
export function bulkRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId';

  router.post(`${base}/bulk/preview`, requireProjectAction(ctx, 'bulk'), (req, res) => {
    const input = BulkBody.parse(req.body) as BulkInput;
    res.json(
      previewBulk(ctx.db, currentProject(req).projectId, currentActor(req), input) satisfies Api.BulkPreview,
    );
  });

  router.post(`${base}/bulk`, requireProjectAction(ctx, 'bulk'), (req, res) => {
    const input = BulkBody.parse(req.body) as BulkInput;
    res
      .status(201)
      .json(runBulk(ctx, currentProject(req).projectId, currentActor(req), input) satisfies Api.BulkResult);
  });

  router.post(`${base}/history/:actionId/undo`, requireProjectAction(ctx, 'bulk'), (req, res) => {
    const action = undoBulk(ctx, currentProject(req).projectId, currentActor(req), idParam(req, 'actionId'));
    res.json({ action });
  });

  router.get(`${base}/history`, requireProjectAction(ctx, 'bulk'), (req, res) => {
    res.json(
      projectHistory(ctx.db, currentProject(req).projectId, currentActor(req)) satisfies Api.HistoryResponse,
    );
  });

  return router;
}
