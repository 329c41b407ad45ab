import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { CONTENT_TYPES, PRISMA_FORMATS } from '../../services/prisma-export';
import {
  prismaBoxRecordsFor,
  prismaDocument,
  prismaFile,
  prismaSettings,
  updatePrismaSettings,
} from '../../services/prisma';
import { LABEL_KEYS } from '../../domain/prisma/settings';
import { OTHER_SCREENING, type OtherScreening } from '../../domain/prisma/types';
import { currentActor, currentProject, requireProjectAction } from '../auth';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const DiagramQuery = z.object({ other: flag.optional(), previous: flag.optional(), detail: flag.optional() });
const DocumentQuery = z.object({ trace: flag.optional() });
const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const BoxParams = z.object({ box: z.string().min(1).max(500) });
const SettingsBody = z
  .object({
    previousStudies: z.number().int().min(0).optional(),
    previousReports: z.number().int().min(0).optional(),
    // partialRecord: any subset of the box keys (a plain record over an enum demands them all)
    labels: z
      .partialRecord(z.enum(LABEL_KEYS as [string, ...string[]]), z.string().trim().min(1).max(300))
      .optional(),
    otherScreening: z.enum(OTHER_SCREENING as [OtherScreening, ...OtherScreening[]]).optional(),
  })
  .strict();

/**
 * The PRISMA 2020 diagram of a project. What a member sees of it (the counts once screening is
 * open to them, the trace and the links to the records behind a box) the service decides.
 */
export function prismaRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/prisma';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    const { trace } = DocumentQuery.parse(req.query);
    res.json(prismaDocument(ctx.db, currentProject(req).projectId, currentActor(req), { trace }));
  });

  for (const format of PRISMA_FORMATS.filter((f) => f !== 'json')) {
    router.get(`${base}.${format}`, requireProjectAction(ctx, 'read'), async (req, res) => {
      const { projectId } = currentProject(req);
      const options = DiagramQuery.parse(req.query);
      const bytes = await prismaFile(ctx.db, projectId, currentActor(req), { format, options });
      const disposition = format === 'csv' ? 'attachment' : 'inline';
      res
        .type(CONTENT_TYPES[format])
        .set('Content-Disposition', `${disposition}; filename="prisma-${projectId}.${format}"`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(bytes);
    });
  }

  router.get(`${base}/settings`, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(prismaSettings(ctx.db, currentProject(req).projectId));
  });

  router.put(`${base}/settings`, requireProjectAction(ctx, 'settings'), (req, res) => {
    const body = SettingsBody.parse(req.body);
    res.json(updatePrismaSettings(ctx.db, currentProject(req).projectId, body));
  });

  router.get(`${base}/boxes/:box/records`, requireProjectAction(ctx, 'export'), (req, res) => {
    const { box } = BoxParams.parse(req.params);
    const page = PageQuery.parse(req.query);
    res.json(prismaBoxRecordsFor(ctx.db, currentProject(req).projectId, currentActor(req), { box, ...page }));
  });

  return router;
}
