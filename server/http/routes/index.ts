import { Router } from 'express';
import type { AppContext } from '../../app';
import { adminRoutes } from './admin';
import { appraisalRoutes } from './appraisal';
import { archiveRoutes } from './archive';
import { authRoutes } from './auth';
import { codingRoutes } from './coding';
import { dedupRoutes } from './dedup';
import { exportRoutes } from './export';
import { fulltextRoutes } from './fulltext';
import { healthRoutes } from './health';
import { importRoutes } from './imports';
import { invitationRoutes } from './invitations';
import { memberRoutes } from './members';
import { prismaRoutes } from './prisma';
import { projectRoutes } from './projects';
import { rankingRoutes } from './ranking';
import { recordRoutes } from './records';
import { screeningRoutes } from './screening';
import { setupRoutes } from './setup';
import { sourceRoutes } from './sources';
import { tokenRoutes } from './tokens';

/** Every API resource registers here, one line each. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(healthRoutes(ctx));
  router.use(authRoutes(ctx));
  router.use(setupRoutes(ctx));
  router.use(adminRoutes(ctx));
  router.use(invitationRoutes(ctx));
  router.use(tokenRoutes(ctx));
  router.use(memberRoutes(ctx));
  router.use(projectRoutes(ctx));
  router.use(sourceRoutes(ctx));
  router.use(importRoutes(ctx));
  router.use(recordRoutes(ctx));
  router.use(exportRoutes(ctx));
  router.use(dedupRoutes(ctx));
  router.use(screeningRoutes(ctx));
  router.use(fulltextRoutes(ctx));
  router.use(prismaRoutes(ctx));
  router.use(codingRoutes(ctx));
  router.use(appraisalRoutes(ctx));
  router.use(rankingRoutes(ctx));
  router.use(archiveRoutes(ctx));
  return router;
}
