import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import {
  changeProject,
  createOwnedProject,
  projectOverview,
  projectsOfUser,
  type ProjectOverview,
} from '../../services/projects';
import { currentProject, currentUser, requireProjectAction, requireUser } from '../auth';
import { presentProject } from '../presenters/pipeline';

const NewProjectBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
});

const ProjectChangesBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).optional(),
  })
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    message: 'nothing to change',
  });

export function projectRoutes(ctx: AppContext): Router {
  const router = Router();
  const present = (o: ProjectOverview) =>
    presentProject(o.project, { sources: o.sources, records: o.records });

  /** The caller's projects only: a stranger's project is not even listed. */
  router.get('/projects', requireUser(ctx), (req, res) => {
    const projects = projectsOfUser(ctx.db, currentUser(req).id);
    res.json({ projects: projects.map((o) => ({ ...present(o), role: o.role })) });
  });

  router.post('/projects', requireUser(ctx), (req, res) => {
    const body = NewProjectBody.parse(req.body);
    const project = createOwnedProject(ctx, currentUser(req).id, body);
    res.status(201).json({ project: { ...present(projectOverview(ctx.db, project.id)), role: 'owner' } });
  });

  router.get('/projects/:projectId', requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId, role } = currentProject(req);
    res.json({ project: { ...present(projectOverview(ctx.db, projectId)), role } });
  });

  router.patch('/projects/:projectId', requireProjectAction(ctx, 'settings'), (req, res) => {
    const changes = ProjectChangesBody.parse(req.body);
    const { projectId, role } = currentProject(req);
    res.json({ project: { ...present(changeProject(ctx.db, projectId, changes)), role } });
  });

  return router;
}
