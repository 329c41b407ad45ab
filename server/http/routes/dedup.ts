import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { decideCluster, dedupSummary, listClusterViews, runDedup, undoDecision } from '../../services/dedup';
import { currentProject, currentUser, requireProjectAction } from '../auth';
import { idParam } from './params';

const ListQuery = z.object({
  status: z.enum(['review', 'merged', 'related', 'not-duplicate', 'all']).default('review'),
});
const DecisionBody = z.object({
  decision: z.enum(['merge', 'not-duplicate']),
  primaryId: z.number().int().positive().optional(),
});

/**
 * Duplicate clusters: every member may look at them with their evidence; owners run automatic
 * deduplication, decide uncertain clusters and undo any decision (automatic ones too).
 */
export function dedupRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/dedup';

  router.get(`${base}/clusters`, requireProjectAction(ctx, 'read'), (req, res) => {
    const { status } = ListQuery.parse(req.query);
    const projectId = currentProject(req).projectId;
    res.json({
      summary: dedupSummary(ctx.db, projectId),
      clusters: listClusterViews(ctx.db, projectId, status),
    });
  });

  router.post(`${base}/run`, requireProjectAction(ctx, 'dedup'), (req, res) => {
    res.json(runDedup(ctx.db, currentProject(req).projectId, ctx.clock));
  });

  router.post(`${base}/clusters/:clusterId/decision`, requireProjectAction(ctx, 'dedup'), (req, res) => {
    const clusterId = idParam(req, 'clusterId');
    const body = DecisionBody.parse(req.body);
    const input =
      body.primaryId === undefined
        ? { decision: body.decision }
        : { decision: body.decision, primaryId: body.primaryId };
    res.json(
      decideCluster(ctx.db, currentProject(req).projectId, clusterId, input, currentUser(req).id, ctx.clock),
    );
  });

  router.post(`${base}/clusters/:clusterId/undo`, requireProjectAction(ctx, 'dedup'), (req, res) => {
    const clusterId = idParam(req, 'clusterId');
    res.json(undoDecision(ctx.db, currentProject(req).projectId, clusterId, currentUser(req).id, ctx.clock));
  });

  return router;
}
