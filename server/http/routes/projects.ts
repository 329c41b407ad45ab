import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { createProject, getProject, listProjects, updateProject } from '../../db/repos/projects';
import { countRecords } from '../../db/repos/records';
import { listSources } from '../../db/repos/sources';
import { presentProject } from '../presenters/pipeline';
import { projectIdOf } from './params';

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
  const withCounts = (id: number) => ({
    sources: listSources(ctx.db, id).length,
    records: countRecords(ctx.db, id),
  });

  router.get('/projects', (_req, res) => {
    res.json({ projects: listProjects(ctx.db).map((p) => presentProject(p, withCounts(p.id))) });
  });

  router.post('/projects', (req, res) => {
    const body = NewProjectBody.parse(req.body);
    const project = createProject(ctx.db, body, ctx.clock());
    res.status(201).json({ project: presentProject(project, withCounts(project.id)) });
  });

  router.get('/projects/:projectId', (req, res) => {
    const project = getProject(ctx.db, projectIdOf(req));
    res.json({ project: presentProject(project, withCounts(project.id)) });
  });

  router.patch('/projects/:projectId', (req, res) => {
    const changes = ProjectChangesBody.parse(req.body);
    const project = updateProject(ctx.db, projectIdOf(req), changes);
    res.json({ project: presentProject(project, withCounts(project.id)) });
  });

  return router;
}
