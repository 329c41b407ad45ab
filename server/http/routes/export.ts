import { Router } from 'express';
import type { AppContext } from '../../app';
import { NotFoundError } from '../../domain/errors';
import { exportProjectFor, type ExportFormat } from '../../services/export';
import { projectName } from '../../services/projects';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { FilterQuery, filterFromQuery } from '../record-filter';

/** File extension in the URL → export format. */
const BY_EXTENSION: Record<string, ExportFormat> = { ris: 'ris', csv: 'csv', bib: 'bibtex', xlsx: 'xlsx' };

/** A project's name made safe for a Content-Disposition file name. */
export function fileStem(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'records'
  );
}

export function exportRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/projects/:projectId/export.:extension', requireProjectAction(ctx, 'export'), (req, res) => {
    const format = BY_EXTENSION[String(req.params.extension)];
    if (!format)
      throw new NotFoundError(`no export as .${String(req.params.extension)} (ris, csv, bib or xlsx)`);
    const { projectId } = currentProject(req);
    // ?provenance=0 gives RIS/BibTeX with exactly the imported fields; the records filter of
    // GET …/records (status, stage, labelId, q, …) chooses which records.
    const provenance = req.query.provenance !== '0' && req.query.provenance !== 'false';
    const filter = filterFromQuery(FilterQuery.parse(req.query));
    const exported = exportProjectFor(ctx.db, projectId, currentActor(req), {
      format,
      options: { provenance, filter },
    });
    const fileName = `${fileStem(projectName(ctx.db, projectId))}.${req.params.extension}`;
    res.setHeader('Content-Type', exported.mediaType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    res.send(typeof exported.content === 'string' ? exported.content : Buffer.from(exported.content));
  });

  return router;
}
