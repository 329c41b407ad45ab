import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { ValidationError } from '../../domain/errors';
import { FORMAT_IDS, type FormatId } from '../../domain/import/types';
import { SOURCE_KINDS } from '../../domain/source-kinds';
import { importFiles } from '../../services/import';
import { deleteSource, editSource, sourcesWithCounts } from '../../services/sources';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';
import { presentImported, presentSource } from '../presenters/pipeline';

/** Upload limits, held in memory while parsing: a large database export is tens of MB; ten files bound one request to 1 GB. */
export const UPLOAD_LIMITS = { fileSize: 100 * 1024 * 1024, files: 10, fields: 20 };

/** Multipart text fields arrive as strings; empty ones mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

const UploadFields = z.object({
  name: z.string().trim().min(1, 'a source needs a name').max(200),
  kind: z.enum(SOURCE_KINDS).default('database'),
  searchDate: z.preprocess(blankToUndefined, z.iso.date().optional()),
  searchString: z.preprocess(blankToUndefined, z.string().max(20000).optional()),
  format: z.preprocess(blankToUndefined, z.enum(FORMAT_IDS).optional()),
  encoding: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  force: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0']).optional()),
});

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

/** multer's errors carry a code but no HTTP status; give them one so the error handler answers 4xx. */
function upload(): RequestHandler {
  const handler = multer({ storage: multer.memoryStorage(), limits: UPLOAD_LIMITS }).array(
    'files',
    UPLOAD_LIMITS.files,
  );
  return (req, res, next) => {
    handler(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) {
        const status = error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
        next(
          Object.assign(error, {
            status,
            message: `${error.message}${error.field ? ` (${error.field})` : ''}`,
          }),
        );
      } else next(error);
    });
  };
}

export function sourceRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/projects/:projectId/sources', requireProjectAction(ctx, 'read'), (req, res) => {
    const sources = sourcesWithCounts(ctx.db, currentProject(req).projectId);
    res.json({ sources: sources.map((s) => presentSource(s.source, s.records)) });
  });

  // The guard runs before multer, so a refused caller's upload is never buffered.
  router.post('/projects/:projectId/sources', requireProjectAction(ctx, 'import'), upload(), (req, res) => {
    const { projectId } = currentProject(req);
    const fields = UploadFields.parse(req.body ?? {});
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (files.length === 0) throw new ValidationError('attach at least one file in the "files" field');
    const imported = importFiles(
      ctx.db,
      {
        projectId,
        source: {
          name: fields.name,
          kind: fields.kind,
          searchDate: fields.searchDate,
          searchString: fields.searchString,
        },
        files: files.map((f) => ({
          fileName: f.originalname,
          bytes: f.buffer,
          format: fields.format as FormatId | undefined,
          encoding: fields.encoding,
        })),
        force: fields.force === 'true' || fields.force === '1',
      },
      ctx.clock,
    );
    const sources = imported.map(presentImported);
    res.status(201).json({ sources, records: imported.reduce((n, s) => n + s.records, 0) });
  });

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
