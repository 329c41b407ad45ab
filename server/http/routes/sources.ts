import { Router } from 'express';
import type { AppContext } from '../../app';
import { importFiles } from '../../services/import';
import { sourcesWithCounts } from '../../services/sources';
import { currentProject, requireProjectAction } from '../auth';
import { importBatchOf, importDeps, importUpload } from '../import-upload';
import { presentImportResponse, presentSource } from '../presenters/pipeline';

export { UPLOAD_LIMITS } from '../import-upload';

export function sourceRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/projects/:projectId/sources', requireProjectAction(ctx, 'read'), (req, res) => {
    const sources = sourcesWithCounts(ctx.db, currentProject(req).projectId);
    res.json({ sources: sources.map((s) => presentSource(s.source, s.records)) });
  });

  // The guard runs before multer, so a refused caller's upload is never buffered. The answer
  // comes when the import is done (files read in the worker pool, then stored): the one-request
  // way for scripts; the browser follows an import job instead (routes/imports.ts).
  router.post(
    '/projects/:projectId/sources',
    requireProjectAction(ctx, 'import'),
    importUpload(),
    async (req, res) => {
      const { projectId } = currentProject(req);
      // The upload's buffers are this request's own: they move to the reading thread.
      const imported = await importFiles(importDeps(ctx), projectId, importBatchOf(req), { handOver: true });
      res.status(201).json(presentImportResponse(imported));
    },
  );

  return router;
}
