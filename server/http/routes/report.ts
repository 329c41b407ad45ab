import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { REPORT_STYLES } from '../../domain/report/types';
import { reportFor, reportResponse } from '../../services/report';
import {
  CHECKLIST_FORMATS,
  exportChecklist,
  exportReport,
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
} from '../../services/report-export';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { fileStem } from './export';

const StyleQuery = z.object({ style: z.enum(REPORT_STYLES).default('apa') });

function sendFile(res: Response, bytes: Buffer, type: string, fileName: string): void {
  res
    .type(type)
    .set(
      'Content-Disposition',
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .set('X-Content-Type-Options', 'nosniff')
    .send(bytes);
}

/**
 * The review's drafted report: its blocks as JSON (the Report page's preview), the report as
 * DOCX, HTML or Markdown, and the PRISMA 2020 checklist alone as CSV or DOCX. Who may read it
 * (owners while any stage is blind) the service decides.
 */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/report';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    const { style } = StyleQuery.parse(req.query);
    const { projectId } = currentProject(req);
    res.json(reportResponse(reportFor(ctx.db, projectId, currentActor(req), ctx.clock(), style)));
  });

  for (const format of REPORT_FORMATS) {
    router.get(`${base}.${format}`, requireProjectAction(ctx, 'read'), async (req, res) => {
      const { style } = StyleQuery.parse(req.query);
      const { projectId } = currentProject(req);
      const doc = reportFor(ctx.db, projectId, currentActor(req), ctx.clock(), style);
      sendFile(
        res,
        await exportReport(doc, format),
        REPORT_CONTENT_TYPES[format],
        `${fileStem(doc.title)}-report.${format}`,
      );
    });
  }

  for (const format of CHECKLIST_FORMATS) {
    router.get(`${base}/checklist.${format}`, requireProjectAction(ctx, 'read'), async (req, res) => {
      const { projectId } = currentProject(req);
      const doc = reportFor(ctx.db, projectId, currentActor(req), ctx.clock());
      sendFile(
        res,
        await exportChecklist(doc, format),
        REPORT_CONTENT_TYPES[format],
        `${fileStem(doc.title)}-prisma-checklist.${format}`,
      );
    });
  }

  return router;
}
