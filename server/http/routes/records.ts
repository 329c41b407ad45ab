import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { getProject } from '../../db/repos/projects';
import { getRecord, listRecords } from '../../db/repos/records';
import { presentRecord, presentRecordSummary } from '../presenters/pipeline';
import { idParam, projectIdOf } from './params';

const RecordQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().max(500).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
});

export function recordRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/projects/:projectId/records', (req, res) => {
    const projectId = getProject(ctx.db, projectIdOf(req)).id;
    const query = RecordQuery.parse(req.query);
    const page = listRecords(ctx.db, projectId, query);
    res.json({ ...page, items: page.items.map(presentRecordSummary) });
  });

  router.get('/projects/:projectId/records/:recordId', (req, res) => {
    const projectId = getProject(ctx.db, projectIdOf(req)).id;
    res.json({ record: presentRecord(getRecord(ctx.db, projectId, idParam(req, 'recordId'))) });
  });

  return router;
}
