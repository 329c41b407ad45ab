import { Router } from 'express';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { projectRecord, recordPage } from '../../services/records';
import { presentRecord, presentRecordSummary } from '../presenters/pipeline';
import { currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const RecordQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().max(500).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
});

export function recordRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/projects/:projectId/records', requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId } = currentProject(req);
    const page = recordPage(ctx.db, projectId, RecordQuery.parse(req.query));
    res.json({ ...page, items: page.items.map(presentRecordSummary) });
  });

  router.get('/projects/:projectId/records/:recordId', requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId } = currentProject(req);
    const record = presentRecord(projectRecord(ctx.db, projectId, idParam(req, 'recordId')));
    res.json({ record } satisfies Api.RecordResponse);
  });

  return router;
}
