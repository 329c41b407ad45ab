import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { FORMAT_IDS, type FormatId } from '../domain/import/types';
import { SOURCE_KINDS } from '../domain/source-kinds';
import type { AppContext } from '../app';
import type { ImportBatch, ImportDeps } from '../services/import';
import { defaultImportPool } from '../services/import-pool';

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

/**
 * The multipart upload of an import (`files` plus the source's fields), shared by POST …/sources
 * and POST …/imports. multer's errors carry a code but no HTTP status; they get one here so the
 * error handler answers 4xx.
 */
export function importUpload(): RequestHandler {
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

/** The import an upload asks for, validated. */
export function importBatchOf(req: Request): ImportBatch {
  const fields = UploadFields.parse(req.body ?? {});
  const files = (req.files as Express.Multer.File[] | undefined) ?? [];
  if (files.length === 0) throw new ValidationError('attach at least one file in the "files" field');
  return {
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
  };
}

/** The import services' dependencies from the app's context. */
export function importDeps(ctx: AppContext): ImportDeps {
  return { db: ctx.db, clock: ctx.clock, imports: ctx.imports ?? defaultImportPool() };
}
