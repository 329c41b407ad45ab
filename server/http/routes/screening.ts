import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { VOTE_SELECTIONS } from '../../domain/screening/independent-votes';
import { STAGES, VOTES } from '../../domain/screening/types';
import {
  agreement,
  conflicts,
  decide,
  getSettings,
  myDecisions,
  progress,
  queue,
  resolve,
  retract,
  screeningStatusFor,
  unblind,
  updateSettings,
} from '../../services/screening';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const stage = z.enum(STAGES);
const recordId = z.coerce.number().int().positive();
const text = (max: number) => z.string().max(max).nullish();

const DecisionBody = z.object({
  recordId,
  stage: stage.optional(),
  decision: z.enum(VOTES),
  reason: text(500),
  note: text(5000),
});
const ResolutionBody = z.object({
  recordId,
  stage: stage.optional(),
  decision: z.enum(['include', 'exclude']),
  reason: text(500),
});
const StageQuery = z.object({ stage: stage.default('title_abstract') });
const QueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
const AgreementQuery = z.object({
  maybe: z.enum(['include', 'separate']).default('include'),
  votes: z.enum(VOTE_SELECTIONS).default('first'),
});

/** The stage from /screening/:stage/… or, on the short paths, from ?stage= / the body (default title/abstract). */
function stageOf(req: Request, fromBody?: z.infer<typeof stage>): z.infer<typeof stage> {
  if (req.params.stage !== undefined) return stage.parse(req.params.stage);
  return fromBody ?? StageQuery.parse(req.query).stage;
}

/**
 * Screening over HTTP. Every answer that carries votes goes through the service's blinding:
 * a reviewer sees only their own votes until the owner unblinds the stage. The short paths
 * (/queue, /decisions, /conflicts, /resolutions, /agreement with ?stage=) are the contract
 * of issue 4; /screening/:stage/… are the same handlers with the stage in the path.
 */
export function screeningRoutes(ctx: AppContext): Router {
  const router = Router();
  const deps = { db: ctx.db, clock: ctx.clock };
  const project = '/projects/:projectId';
  const both = (path: string) => [`${project}${path}`, `${project}/screening/:stage${path}`];

  router.get(`${project}/settings`, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(getSettings(ctx.db, currentProject(req).projectId));
  });

  router.patch(`${project}/settings`, requireProjectAction(ctx, 'settings'), (req, res) => {
    res.json(updateSettings(deps, currentProject(req).projectId, currentActor(req), req.body));
  });

  router.get(both('/queue'), requireProjectAction(ctx, 'screen'), (req, res) => {
    const { limit } = QueueQuery.parse(req.query);
    res.json(queue(ctx.db, currentProject(req).projectId, currentActor(req), stageOf(req), limit));
  });

  router.get(both('/mine'), requireProjectAction(ctx, 'screen'), (req, res) => {
    res.json(myDecisions(ctx.db, currentProject(req).projectId, currentActor(req), stageOf(req)));
  });

  router.post(both('/decisions'), requireProjectAction(ctx, 'screen'), (req, res) => {
    const body = DecisionBody.parse(req.body);
    const result = decide(deps, currentProject(req).projectId, currentActor(req), {
      ...body,
      stage: stageOf(req, body.stage),
    });
    res.status(201).json(result);
  });

  router.delete(both('/decisions/:recordId'), requireProjectAction(ctx, 'screen'), (req, res) => {
    retract(deps, currentProject(req).projectId, currentActor(req), stageOf(req), idParam(req, 'recordId'));
    res.status(204).end();
  });

  router.get(both('/progress'), requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(progress(ctx.db, currentProject(req).projectId, currentActor(req), stageOf(req)));
  });

  router.get(both('/conflicts'), requireProjectAction(ctx, 'resolve'), (req, res) => {
    res.json(conflicts(ctx.db, currentProject(req).projectId, currentActor(req), stageOf(req)));
  });

  router.post(both('/resolutions'), requireProjectAction(ctx, 'resolve'), (req, res) => {
    const body = ResolutionBody.parse(req.body);
    const result = resolve(deps, currentProject(req).projectId, currentActor(req), {
      ...body,
      stage: stageOf(req, body.stage),
    });
    res.status(201).json(result);
  });

  router.post(`${project}/screening/:stage/unblind`, requireProjectAction(ctx, 'resolve'), (req, res) => {
    const settings = unblind(ctx.db, currentProject(req).projectId, currentActor(req), stageOf(req));
    res.json(settings);
  });

  router.get(both('/agreement'), requireProjectAction(ctx, 'read'), (req, res) => {
    const { maybe, votes } = AgreementQuery.parse(req.query);
    const result = agreement(
      ctx.db,
      currentProject(req).projectId,
      currentActor(req),
      stageOf(req),
      maybe === 'separate' ? 'separate' : 'as_include',
      votes,
    );
    res.json(result);
  });

  router.get(`${project}/screening/status`, requireProjectAction(ctx, 'read'), (req, res) => {
    res.json(screeningStatusFor(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  return router;
}
