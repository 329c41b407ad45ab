import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { ROLES } from '../../domain/auth/roles';
import {
  addProjectMember,
  changeMemberRole,
  listProjectMembers,
  removeProjectMember,
} from '../../services/members';
import { currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const AddBody = z.object({ username: z.string().min(1).max(200), role: z.enum(ROLES) });
const RoleBody = z.object({ role: z.enum(ROLES) });

/** Project membership: every member may list it; owners add, re-role and remove members. */
export function memberRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/members';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(listProjectMembers(ctx.db, currentProject(req).projectId));
  });

  router.post(base, requireProjectAction(ctx, 'members'), (req, res) => {
    const body = AddBody.parse(req.body);
    const member = addProjectMember(ctx, currentProject(req).projectId, body);
    res.status(201).json(member);
  });

  router.patch(`${base}/:userId`, requireProjectAction(ctx, 'members'), (req, res) => {
    const userId = idParam(req, 'userId');
    const body = RoleBody.parse(req.body);
    res.json(changeMemberRole(ctx.db, currentProject(req).projectId, userId, body.role));
  });

  router.delete(`${base}/:userId`, requireProjectAction(ctx, 'members'), (req, res) => {
    const userId = idParam(req, 'userId');
    removeProjectMember(ctx.db, currentProject(req).projectId, userId);
    res.status(204).end();
  });

  return router;
}
