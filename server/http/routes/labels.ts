import { Router } from 'express';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { createLabel, deleteLabel, projectLabels, updateLabel } from '../../services/labels';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const LabelBody = z.object({ name: z.string().max(200), colour: z.string().max(20) });
const LabelPatch = LabelBody.partial();

/** A project's labels: every member reads them; the owner defines, renames, recolours and deletes them. */
export function labelRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/labels';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json({
      labels: projectLabels(ctx.db, currentProject(req).projectId),
    } satisfies Api.LabelListResponse);
  });

  router.post(base, requireProjectAction(ctx, 'settings'), (req, res) => {
    const label = createLabel(
      ctx,
      currentProject(req).projectId,
      currentActor(req),
      LabelBody.parse(req.body),
    );
    res.status(201).json({ label } satisfies Api.LabelResponse);
  });

  router.patch(`${base}/:labelId`, requireProjectAction(ctx, 'settings'), (req, res) => {
    const body = LabelPatch.parse(req.body);
    const label = updateLabel(ctx.db, currentProject(req).projectId, currentActor(req), {
      labelId: idParam(req, 'labelId'),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.colour !== undefined ? { colour: body.colour } : {}),
    });
    res.json({ label } satisfies Api.LabelResponse);
  });

  router.delete(`${base}/:labelId`, requireProjectAction(ctx, 'settings'), (req, res) => {
    deleteLabel(ctx, currentProject(req).projectId, currentActor(req), idParam(req, 'labelId'));
    res.status(204).end();
  });

  return router;
}
