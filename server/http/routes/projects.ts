import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { listUserMemberships } from '../../db/repos/members';
import { getProject, listProjectsByIds, updateProject } from '../../db/repos/projects';
import { countRecords } from '../../db/repos/records';
import { listSources } from '../../db/repos/sources';
import { createOwnedProject } from '../../services/projects';
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
  const withCounts = (id: number) => ({
    sources: listSources(ctx.db, id).length,
    records: countRecords(ctx.db, id),
  });

  /** The caller's projects only: a stranger's project is not even listed. */
  router.get('/projects', requireUser(ctx), (req, res) => {
    const memberships = listUserMemberships(ctx.db, currentUser(req).id);
    const roles = new Map(memberships.map((m) => [m.projectId, m.role]));
    const projects = listProjectsByIds(ctx.db, [...roles.keys()]);
    res.json({
      projects: projects.map((p) => ({ ...presentProject(p, withCounts(p.id)), role: roles.get(p.id) })),
    });
  });

  router.post('/projects', requireUser(ctx), (req, res) => {
    const body = NewProjectBody.parse(req.body);
    const project = createOwnedProject(ctx.db, body, currentUser(req).id, ctx.clock);
    res.status(201).json({ project: { ...presentProject(project, withCounts(project.id)), role: 'owner' } });
  });

  router.get('/projects/:projectId', requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId, role } = currentProject(req);
    const project = getProject(ctx.db, projectId);
    res.json({ project: { ...presentProject(project, withCounts(project.id)), role } });
  });

  router.patch('/projects/:projectId', requireProjectAction(ctx, 'settings'), (req, res) => {
    const changes = ProjectChangesBody.parse(req.body);
    const { projectId, role } = currentProject(req);
    const project = updateProject(ctx.db, projectId, changes);
    res.json({ project: { ...presentProject(project, withCounts(project.id)), role } });
  });

  return router;
}
