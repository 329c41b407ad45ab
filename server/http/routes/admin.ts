import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { readAccountLog } from '../../services/account-log';
import {
  createAccount,
  deleteAccount,
  disableAccount,
  enableAccount,
  issueResetLink,
  listAllAccounts,
  setAccountAdmin,
} from '../../services/admin';
import { currentUser, requireAdmin } from '../auth';
import { requestBaseUrl } from '../base-url';
import { idParam } from './params';

const CreateBody = z.object({ username: z.string().min(1).max(200), admin: z.boolean().default(false) });
const PatchBody = z.object({ admin: z.boolean() });
const LogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/** The Admin page's API: site administrators, from a browser session (requireAdmin). */
export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/admin/users';

  router.get(base, requireAdmin, (_req, res) => {
    res.json(listAllAccounts(ctx.db));
  });

  router.post(base, requireAdmin, (req, res) => {
    const body = CreateBody.parse(req.body);
    res.status(201).json(createAccount(ctx, currentUser(req).id, { ...body, baseUrl: requestBaseUrl(req) }));
  });

  router.patch(`${base}/:userId`, requireAdmin, (req, res) => {
    const body = PatchBody.parse(req.body);
    res.json(setAccountAdmin(ctx, currentUser(req).id, idParam(req, 'userId'), body.admin));
  });

  router.post(`${base}/:userId/disable`, requireAdmin, (req, res) => {
    res.json(disableAccount(ctx, currentUser(req).id, idParam(req, 'userId')));
  });

  router.post(`${base}/:userId/enable`, requireAdmin, (req, res) => {
    res.json(enableAccount(ctx, currentUser(req).id, idParam(req, 'userId')));
  });

  router.post(`${base}/:userId/reset-link`, requireAdmin, (req, res) => {
    const userId = idParam(req, 'userId');
    res.status(201).json(issueResetLink(ctx, currentUser(req).id, { userId, baseUrl: requestBaseUrl(req) }));
  });

  router.delete(`${base}/:userId`, requireAdmin, (req, res) => {
    deleteAccount(ctx, currentUser(req).id, idParam(req, 'userId'));
    res.status(204).end();
  });

  router.get('/admin/events', requireAdmin, (req, res) => {
    const query = LogQuery.parse(req.query);
    res.json(readAccountLog(ctx.db, { limit: query.limit, beforeId: query.before }));
  });

  return router;
}
