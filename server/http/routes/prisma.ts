import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { may } from '../../domain/auth/actions';
import { projectById } from '../../db/repos/prisma';
import { CONTENT_TYPES, exportPrisma, PRISMA_FORMATS, prismaJson } from '../../services/prisma-export';
import { prismaBoxRecords, prismaSettings, projectPrisma, updatePrismaSettings } from '../../services/prisma';
import { LABEL_KEYS } from '../../domain/prisma/settings';
import { currentProject, requireProjectAction } from '../auth';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const DiagramQuery = z.object({ other: flag.optional(), previous: flag.optional(), detail: flag.optional() });
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
  })
  .strict();

/**
 * The PRISMA 2020 diagram of a project. Every member sees the counts; the record ids behind
 * them (the JSON `trace`, the drill-down lists, the links in the SVG) reveal screening
 * outcomes record by record, so they follow the `export` action (owners), as blind mode needs.
 */
export function prismaRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/prisma';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId, role } = currentProject(req);
    const { trace, ...counts } = prismaJson(projectPrisma(ctx.db, projectId));
    res.json(may(role, 'export') ? { ...counts, trace } : counts);
  });

  for (const format of PRISMA_FORMATS.filter((f) => f !== 'json')) {
    router.get(`${base}.${format}`, requireProjectAction(ctx, 'read'), async (req, res) => {
      const { projectId, role } = currentProject(req);
      const query = DiagramQuery.parse(req.query);
      const name = projectById(ctx.db, projectId)?.name ?? `project ${projectId}`;
      const drillDownHref = may(role, 'export')
        ? `/api/projects/${projectId}/prisma/boxes/{box}/records`
        : undefined;
      const bytes = await exportPrisma(projectPrisma(ctx.db, projectId), format, {
        title: `PRISMA 2020 flow diagram — ${name}`,
        svg: { other: query.other, previous: query.previous, perSourceDetail: query.detail, drillDownHref },
      });
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
    res.json(prismaBoxRecords(ctx.db, currentProject(req).projectId, box, page));
  });

  return router;
}
