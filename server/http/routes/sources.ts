import { Router } from 'express';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { SOURCE_KINDS } from '../../domain/source-kinds';
import { importFiles } from '../../services/import';
import { deleteSource, editSource, sourcesWithCounts } from '../../services/sources';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { importBatchOf, importDeps, importUpload } from '../import-upload';
import { presentImportResponse, presentSource } from '../presenters/pipeline';
import { idParam } from './params';

export { UPLOAD_LIMITS } from '../import-upload';

const SourcePatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(SOURCE_KINDS),
    searchDate: z.iso.date().nullable(),
    searchString: z.string().max(20000).nullable(),
  })
  .partial()
  .strict();

const DeleteQuery = z.object({ confirm: z.enum(['true', 'false', '1', '0']).optional() });

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

  // The owner corrects a source after the import (the PRISMA diagram follows).
  router.patch('/projects/:projectId/sources/:sourceId', requireProjectAction(ctx, 'import'), (req, res) => {
    const body = SourcePatch.parse(req.body);
    const { source, records } = editSource(ctx, currentProject(req).projectId, currentActor(req), {
      sourceId: idParam(req, 'sourceId'),
      ...body,
    });
    res.json({ source: presentSource(source, records) });
  });

  // Deleting a source whose records carry decisions answers 409 with what would be lost until ?confirm=true.
  router.delete('/projects/:projectId/sources/:sourceId', requireProjectAction(ctx, 'import'), (req, res) => {
    const { confirm } = DeleteQuery.parse(req.query);
    const deleted = deleteSource(ctx, currentProject(req).projectId, currentActor(req), {
      sourceId: idParam(req, 'sourceId'),
      confirm: confirm === 'true' || confirm === '1',
    });
    res.json({ deleted } satisfies Api.SourceDeletionResponse);
  });

  return router;
}
