import { Router } from 'express';
import type { AppContext } from '../../app';
import { ImportJobs } from '../../services/import-jobs';
import { currentProject, requireProjectAction } from '../auth';
import { importBatchOf, importDeps, importUpload } from '../import-upload';
import { presentImportJob } from '../presenters/pipeline';
import { idParam } from './params';

/**
 * Import jobs for the browser: the same upload as POST …/sources, answered at once (202) with a
 * job to poll for progress and to cancel while its files are read.
 */
export function importRoutes(ctx: AppContext): Router {
  const router = Router();
  const jobs = new ImportJobs();
  const guard = requireProjectAction(ctx, 'import');
  const base = '/projects/:projectId/imports';

  router.post(base, guard, importUpload(), (req, res) => {
    const { projectId } = currentProject(req);
    // The upload's buffers are this request's own: they move to the reading thread.
    const job = jobs.start(importDeps(ctx), projectId, importBatchOf(req), { handOver: true });
    res
      .status(202)
      .location(`/api/projects/${projectId}/imports/${job.id}`)
      .json({ job: presentImportJob(job) });
  });

  router.get(`${base}/:importId`, guard, (req, res) => {
    res.json({ job: presentImportJob(jobs.get(currentProject(req).projectId, idParam(req, 'importId'))) });
  });

  router.post(`${base}/:importId/cancel`, guard, (req, res) => {
    res.json({ job: presentImportJob(jobs.cancel(currentProject(req).projectId, idParam(req, 'importId'))) });
  });

  return router;
}
