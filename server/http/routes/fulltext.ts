import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { ValidationError } from '../../domain/errors';
import * as fulltext from '../../services/fulltext';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const recordId = z.coerce.number().int().positive();
const LinkBody = z.object({ url: z.string().min(1).max(2000), note: z.string().max(2000).nullish() });
/** Why a report could not be obtained: `{reason}` (the browser asks for one), `{note}` or `{}` as before. */
const NotRetrievableBody = z
  .object({ reason: z.string().max(2000).nullish(), note: z.string().max(2000).nullish() })
  .default({});
const StudyBody = z.object({
  label: z.string().min(1).max(200),
  recordIds: z.array(recordId).min(1).max(500),
  studyId: z.coerce.number().int().positive().optional(),
});

/**
 * multer keeps the upload in memory up to the limit (one file), so the service can check the
 * signature before anything touches the disk; its size error becomes a 413 in the error shape.
 */
function singlePdf(maxBytes: number) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        next(Object.assign(error, { status: error.code === 'LIMIT_FILE_SIZE' ? 413 : 400 }));
        return;
      }
      next(error);
    });
  };
}

/** Full-text retrieval (reports sought → retrieved or not) and grouping of reports into studies. */
export function fulltextRoutes(ctx: AppContext, options: { maxPdfBytes?: number } = {}): Router {
  const router = Router();
  const maxBytes = options.maxPdfBytes ?? fulltext.MAX_PDF_BYTES;
  const deps = { db: ctx.db, clock: ctx.clock, uploadsDir: ctx.uploadsDir, maxBytes };
  const base = '/projects/:projectId/fulltext';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(fulltext.listReports(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  router.post(
    `${base}/:recordId/pdf`,
    requireProjectAction(ctx, 'import'),
    singlePdf(maxBytes),
    (req, res) => {
      if (!req.file) throw new ValidationError('send the PDF as multipart/form-data in the field "file"');
      const result = fulltext.uploadPdf(
        deps,
        currentProject(req).projectId,
        currentActor(req),
        idParam(req, 'recordId'),
        {
          bytes: req.file.buffer,
          originalName: req.file.originalname,
        },
      );
      res.status(201).json(result);
    },
  );

  router.get(`${base}/:recordId/pdf`, requireProjectAction(ctx, 'read'), (req, res, next) => {
    const { file, downloadName } = fulltext.pdfLocation(
      deps,
      currentProject(req).projectId,
      currentActor(req),
      idParam(req, 'recordId'),
    );
    res.type('application/pdf');
    res.attachment(downloadName);
    res.sendFile(file, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });

  router.post(`${base}/:recordId/link`, requireProjectAction(ctx, 'import'), (req, res) => {
    const body = LinkBody.parse(req.body);
    res.json(
      fulltext.setLink(
        deps,
        currentProject(req).projectId,
        currentActor(req),
        idParam(req, 'recordId'),
        body.url,
        body.note,
      ),
    );
  });

  router.post(`${base}/:recordId/not-retrievable`, requireProjectAction(ctx, 'import'), (req, res) => {
    const body = NotRetrievableBody.parse(req.body ?? {});
    res.json(
      fulltext.markNotRetrievable(deps, currentProject(req).projectId, currentActor(req), {
        recordId: idParam(req, 'recordId'),
        reason: body.reason,
        note: body.note,
      }),
    );
  });

  router.get('/projects/:projectId/studies', requireProjectAction(ctx, 'read'), (req, res) => {
    res.json({
      studies: fulltext.listStudies(ctx.db, currentProject(req).projectId, currentActor(req)),
    } satisfies Api.StudyListResponse);
  });

  router.post('/projects/:projectId/studies', requireProjectAction(ctx, 'import'), (req, res) => {
    const body = StudyBody.parse(req.body);
    res.status(201).json(fulltext.groupReports(deps, currentProject(req).projectId, currentActor(req), body));
  });

  router.delete(
    '/projects/:projectId/studies/reports/:recordId',
    requireProjectAction(ctx, 'import'),
    (req, res) => {
      fulltext.ungroupReport(
        deps,
        currentProject(req).projectId,
        currentActor(req),
        idParam(req, 'recordId'),
      );
      res.status(204).end();
    },
  );

  return router;
}
