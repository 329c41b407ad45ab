import { Router } from 'express';
import type { AppContext } from '../../app';
import { exportArchiveFor } from '../../services/archive';
import { currentActor, currentProject, requireProjectAction } from '../auth';

/** The whole-project archive (services/archive.ts) as a download; owners only, like every export. */
export function archiveRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/projects/:projectId/archive.json', requireProjectAction(ctx, 'export'), (req, res) => {
    const { projectId } = currentProject(req);
    const archive = exportArchiveFor(ctx, projectId, currentActor(req));
    res.attachment(`project-${projectId}-archive.json`);
    res.json(archive);
  });
  return router;
}
