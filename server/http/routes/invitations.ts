import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { DAY_MS, INVITATION_DAYS, MAX_INVITATION_DAYS } from '../../domain/auth/one-time-links';
import { ROLES } from '../../domain/auth/roles';
import {
  acceptInvitation,
  createInvitation,
  inspectInvitation,
  listProjectInvitations,
  registerFromInvitation,
  revokeProjectInvitation,
} from '../../services/invitations';
import {
  currentProject,
  currentUser,
  requireProjectAction,
  requireSession,
  sessionCookieValue,
} from '../auth';
import { requestBaseUrl } from '../base-url';
import { answerWithSession } from './auth';
import { idParam } from './params';

const CreateBody = z.object({
  role: z.enum(ROLES),
  expiresInDays: z.number().int().min(1).max(MAX_INVITATION_DAYS).default(INVITATION_DAYS),
});
const TokenBody = z.object({ token: z.string().min(1).max(200) });
const RegisterBody = TokenBody.extend({
  username: z.string().min(1).max(200),
  password: z.string().max(4096),
});

/**
 * Invitations: owners make, list and revoke them (the `members` action); the invitee, holding
 * the link's token, inspects one and accepts it signed in, or registers a new account with it.
 */
export function invitationRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/invitations';

  router.get(base, requireProjectAction(ctx, 'members'), (req, res) => {
    res.json(listProjectInvitations(ctx, currentProject(req).projectId));
  });

  router.post(base, requireProjectAction(ctx, 'members'), (req, res) => {
    const body = CreateBody.parse(req.body);
    const created = createInvitation(ctx, currentProject(req).projectId, currentUser(req).id, {
      role: body.role,
      expiresInMs: body.expiresInDays * DAY_MS,
      baseUrl: requestBaseUrl(req),
    });
    res.status(201).json(created);
  });

  // Revoking keeps the invitation listed, as revoked.
  router.delete(`${base}/:invitationId`, requireProjectAction(ctx, 'members'), (req, res) => {
    const invitationId = idParam(req, 'invitationId');
    res.json(revokeProjectInvitation(ctx, currentProject(req).projectId, currentUser(req).id, invitationId));
  });

  router.post('/invitations/inspect', (req, res) => {
    res.json(inspectInvitation(ctx, TokenBody.parse(req.body).token));
  });

  router.post('/invitations/accept', requireSession, (req, res) => {
    res.json(acceptInvitation(ctx, currentUser(req).id, TokenBody.parse(req.body).token));
  });

  router.post('/invitations/register', async (req, res) => {
    const body = RegisterBody.parse(req.body);
    const { projectId, role, ...session } = await registerFromInvitation(ctx, {
      ...body,
      previousToken: sessionCookieValue(req),
    });
    answerWithSession(req, res, session, { projectId, role }, 201);
  });

  return router;
}
