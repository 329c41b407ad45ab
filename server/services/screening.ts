import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  getSettings,
  requireAction,
  requireProject,
  type Actor,
  type ScreeningDeps,
} from './screening-settings';
import { visibilityFor, type Visibility } from './visibility';

export {
  getSettings,
  rebuildStage,
  requireAction,
  unblind,
  updateSettings,
  type Actor,
  type ScreeningDeps,
} from './screening-settings';
import * as repo from '../db/repos/screening';
import { retrievalCounts, includedReportsAndStudies, findReport } from '../db/repos/fulltext';
import { prioritisationSettings, recordScores, requestRetrain } from './ranking';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { ScreeningSettings } from '../domain/screening/settings';
import { stageVotesForAgreement, type VoteSelection } from '../domain/screening/independent-votes';
import { stageAgreement, type MaybeHandling } from '../domain/screening/stage-agreement';
import { castVote, foldEvents, outcomeOf, resolveConflict, retractVote } from '../domain/screening/state';
import type {
  CurrentVote,
  FinalDecision,
  RecordOutcome,
  ScreeningEvent,
  Stage,
  Vote,
} from '../domain/screening/types';

// ---------- events ----------

/** Runs a screening-only write in one immediate transaction, keeping the cached record counts valid. */
function screeningWrite<T>(db: Db, write: () => T, options = { queuesMayGrow: false }): T {
  const before = repo.writeStamp(db);
  const result = db.transaction(write).immediate();
  repo.keepCachesAfter(db, before, options);
  return result;
}

function appendAndProject(
  db: Db,
  projectId: number,
  recordId: number,
  stage: Stage,
  settings: ScreeningSettings,
  history: ScreeningEvent[],
  event: ScreeningEvent,
): RecordOutcome {
  repo.appendEvent(db, projectId, recordId, stage, event);
  const state = foldEvents([...history, event]);
  const outcome = outcomeOf(state, settings.stages[stage].reviewersRequired);
  repo.writeProjection(db, projectId, recordId, stage, state, outcome, event.at);
  return outcome;
}

/**
 * Refuses what a reviewer may not vote on: a stage whose records are hidden from them (full
 * text while title/abstract is blind), before anything about the record is looked up, so the
 * refusal is the same for every record.
 */
function requireStageRecords(vis: Visibility, stage: Stage): void {
  vis.require({ kind: 'stage-records', stage });
}

/** Refuses a record that is not (or no longer) open at this stage. */
function requireRecordInStage(db: Db, projectId: number, recordId: number, stage: Stage): void {
  const record = repo.findRecord(db, projectId, recordId);
  if (!record) throw new NotFoundError(`record ${recordId} not found in project ${projectId}`);
  if (record.isDuplicate) throw new ConflictError(`record ${recordId} is a duplicate and is not screened`);
  if (!repo.isInStage(db, projectId, recordId, stage)) {
    throw new ConflictError(
      stage === 'full_text'
        ? `record ${recordId} is not at full text: it must be included at title/abstract and its report retrieved`
        : `record ${recordId} is not at title/abstract`,
    );
  }
  if (stage === 'title_abstract' && (repo.hasEvents(db, recordId, 'full_text') || findReport(db, recordId))) {
    throw new ConflictError(
      `record ${recordId} has moved on to full text; its title/abstract decision is settled`,
    );
  }
}

export interface DecisionInput {
  recordId: number;
  stage: Stage;
  decision: Vote;
  reason?: string | null;
  note?: string | null;
}

/**
 * Records a reviewer's vote. The answer carries only the caller's own vote: in blind mode
 * the record's status would tell them what the other reviewer said.
 */
export function decide(
  deps: ScreeningDeps,
  projectId: number,
  actor: Actor,
  input: DecisionInput,
): Api.DecisionResponse {
  const { db, clock } = deps;
  requireProject(db, projectId);
  requireAction(actor, 'screen');
  const vis = visibilityFor(db, projectId, actor);
  requireStageRecords(vis, input.stage);
  const result = screeningWrite(db, () => {
    requireRecordInStage(db, projectId, input.recordId, input.stage);
    const settings = getSettings(db, projectId);
    const history = repo.eventsFor(db, input.recordId, input.stage);
    const event = castVote(
      foldEvents(history),
      { userId: actor.userId, decision: input.decision, reason: input.reason, note: input.note },
      settings.stages[input.stage],
      clock().toISOString(),
    );
    appendAndProject(db, projectId, input.recordId, input.stage, settings, history, event);
    if (event.kind !== 'vote') throw new Error('castVote returned a non-vote event');
    const vote: CurrentVote = {
      userId: event.userId,
      decision: event.decision,
      reason: event.reason,
      note: event.note,
      at: event.at,
    };
    return { recordId: input.recordId, stage: input.stage, vote };
  });
  if (input.stage === 'title_abstract') requestRetrain(deps, projectId);
  return result;
}

/** Withdraws the caller's vote; the record returns to their queue. */
export function retract(
  deps: ScreeningDeps,
  projectId: number,
  actor: Actor,
  stage: Stage,
  recordId: number,
): void {
  const { db, clock } = deps;
  requireProject(db, projectId);
  requireAction(actor, 'screen');
  const vis = visibilityFor(db, projectId, actor);
  requireStageRecords(vis, stage);
  screeningWrite(
    db,
    () => {
      requireRecordInStage(db, projectId, recordId, stage);
      const settings = getSettings(db, projectId);
      const history = repo.eventsFor(db, recordId, stage);
      const event = retractVote(foldEvents(history), actor.userId, clock().toISOString());
      appendAndProject(db, projectId, recordId, stage, settings, history, event);
    },
    { queuesMayGrow: true },
  );
  if (stage === 'title_abstract') requestRetrain(deps, projectId);
}

export interface ResolutionInput {
  recordId: number;
  stage: Stage;
  decision: FinalDecision;
  reason?: string | null;
}

/** The owner settles a conflict; the record then advances or is excluded. */
export function resolve(
  deps: ScreeningDeps,
  projectId: number,
  actor: Actor,
  input: ResolutionInput,
): Api.ResolutionResponse {
  const { db, clock } = deps;
  requireProject(db, projectId);
  requireAction(actor, 'resolve');
  const result = screeningWrite(db, () => {
    const record = repo.findRecord(db, projectId, input.recordId);
    if (!record) throw new NotFoundError(`record ${input.recordId} not found in project ${projectId}`);
    const settings = getSettings(db, projectId);
    const history = repo.eventsFor(db, input.recordId, input.stage);
    const event = resolveConflict(
      foldEvents(history),
      { userId: actor.userId, decision: input.decision, reason: input.reason },
      settings.stages[input.stage],
      clock().toISOString(),
    );
    const outcome = appendAndProject(db, projectId, input.recordId, input.stage, settings, history, event);
    return { recordId: input.recordId, stage: input.stage, ...outcome };
  });
  if (input.stage === 'title_abstract') requestRetrain(deps, projectId);
  return result;
}

// ---------- reading ----------

/**
 * The caller's queue. At full text it exists only once the title/abstract outcomes are open to
 * the caller (they decide which records are there). Prioritised order and predicted relevance
 * come from a model trained on settled outcomes, that is on other reviewers' votes: a reviewer
 * blind at title/abstract gets the queue in record order, without relevance.
 */
export function queue(db: Db, projectId: number, actor: Actor, stage: Stage, limit = 20): Api.QueueResponse {
  requireProject(db, projectId);
  requireAction(actor, 'screen');
  const vis = visibilityFor(db, projectId, actor);
  requireStageRecords(vis, stage);
  // Prioritised screening (ranking service) orders the title/abstract queue by predicted relevance.
  const prioritised =
    stage === 'title_abstract' &&
    prioritisationSettings(db, projectId).enabled &&
    vis.may({ kind: 'ranking' });
  const { records, remaining } = repo.queue(db, projectId, stage, actor.userId, limit, prioritised);
  const relevance = prioritised
    ? recordScores(
        db,
        projectId,
        records.map((r) => r.id),
      )
    : new Map<number, number>();
  const settings = getSettings(db, projectId);
  return {
    stage,
    remaining,
    prioritised,
    records: records.map((r) => ({
      ...r,
      relevance: relevance.get(r.id) ?? null,
      myVote: null as CurrentVote | null,
    })),
    eligibilityCriteria: settings.eligibilityCriteria,
    highlightKeywords: settings.highlightKeywords,
    exclusionReasons: settings.stages[stage].exclusionReasons,
    reasonRequired: settings.stages[stage].reasonRequired,
  };
}

/**
 * The caller's own votes, newest first: what they may still change. Once the stage is open to
 * them, the votes on records not yet resolved; while it is blind, every vote they cast there
 * (which of them are settled would tell what others voted; a change to a final one is refused).
 */
export function myDecisions(
  db: Db,
  projectId: number,
  actor: Actor,
  stage: Stage,
  limit = 100,
): Api.MineResponse {
  requireProject(db, projectId);
  requireAction(actor, 'screen');
  const vis = visibilityFor(db, projectId, actor);
  requireStageRecords(vis, stage);
  const unresolvedOnly = vis.may({ kind: 'team-work', stage });
  return {
    stage,
    records: repo
      .myVotes(db, projectId, stage, actor.userId, limit, unresolvedOnly)
      .map(({ record, vote }) => ({ ...record, myVote: vote })),
  };
}

/**
 * Where a stage stands, as far as the caller may see it: everything once the stage is open to
 * them; while it is blind, the number of records in it and their own votes and queue; and
 * nothing of a stage whose records come from a stage still blind to them.
 */
export function progress(db: Db, projectId: number, actor: Actor, stage: Stage): Api.Progress {
  requireProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  const settings = getSettings(db, projectId).stages[stage];
  const base = {
    stage,
    reviewersRequired: settings.reviewersRequired,
    blind: settings.blind,
    unblinded: settings.unblinded,
  };
  if (!vis.may({ kind: 'stage-records', stage })) {
    return { ...base, visibility: 'closed' as const, counts: null, me: null };
  }
  const me =
    actor.role === 'viewer'
      ? null
      : {
          userId: actor.userId,
          votes: repo.votesByUserCount(db, projectId, stage, actor.userId),
          remaining: repo.remainingFor(db, projectId, stage, actor.userId),
        };
  const counts = repo.stageCounts(db, projectId, stage);
  if (!vis.may({ kind: 'team-work', stage })) {
    // Only what does not depend on what others voted: a conflict count would betray their
    // votes, and so would how many records are complete (vote, read, retract: did they vote?).
    return { ...base, me, visibility: 'blinded' as const, counts: { total: counts.total } };
  }
  const reviewers = repo.reviewerCounts(db, projectId, stage);
  const names = repo.usernames(
    db,
    reviewers.map((r) => r.userId),
  );
  return {
    ...base,
    me,
    visibility: 'full' as const,
    counts: { ...counts, complete: counts.total - counts.awaiting },
    exclusionReasons: repo.exclusionReasons(db, projectId, stage),
    reviewers: reviewers.map((r) => ({ ...r, username: names.get(r.userId) ?? null })),
  };
}

/** Records whose votes disagree, with the votes: for the owner, who resolves them. */
export function conflicts(db: Db, projectId: number, actor: Actor, stage: Stage): Api.ConflictsResponse {
  requireProject(db, projectId);
  requireAction(actor, 'resolve');
  visibilityFor(db, projectId, actor).require({ kind: 'team-work', stage });
  const records = repo.conflictRecords(db, projectId, stage);
  const withVotes = records.map((r) => ({ record: r, votes: repo.votesOn(db, r.id, stage) }));
  const names = repo.usernames(db, [...new Set(withVotes.flatMap((c) => c.votes.map((v) => v.userId)))]);
  return {
    stage,
    conflicts: withVotes.map(({ record, votes }) => ({
      recordId: record.id,
      record,
      votes: votes.map((v) => ({ ...v, username: names.get(v.userId) ?? null })),
    })),
  };
}

/**
 * Agreement on the votes before resolution, from each reviewer's first vote unless `votes` is
 * "latest"; while the stage is blind, only the owner sees it (small n would betray votes).
 */
export function agreement(
  db: Db,
  projectId: number,
  actor: Actor,
  stage: Stage,
  maybe: MaybeHandling = 'as_include',
  votes: VoteSelection = 'first',
): Api.Agreement {
  requireProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'team-work', stage });
  return computeAgreement(db, projectId, stage, maybe, votes);
}

/** Agreement without a viewer's blinding (CLI, reports); usernames added to each pair. */
export function computeAgreement(
  db: Db,
  projectId: number,
  stage: Stage,
  maybe: MaybeHandling = 'as_include',
  votes: VoteSelection = 'first',
): Api.Agreement {
  requireProject(db, projectId);
  // The events keep every vote ever cast, so each reviewer's first vote is there to read.
  const selected = stageVotesForAgreement(repo.eventsByRecord(db, projectId, stage), votes);
  const stats = stageAgreement(selected, maybe, votes);
  const names = repo.usernames(db, [...new Set(stats.pairs.flatMap((p) => [p.userA, p.userB]))]);
  return {
    stage,
    ...stats,
    pairs: stats.pairs.map((p) => ({
      ...p,
      usernameA: names.get(p.userA) ?? null,
      usernameB: names.get(p.userB) ?? null,
    })),
  };
}

export type { ScreeningStatus } from '../api/types';

/**
 * Every count the PRISMA flow diagram needs from screening, read without blinding (owner,
 * CLI, PRISMA). Title/abstract: screened records and those excluded; full text: reports
 * sought, not retrieved, assessed and excluded with reasons; then included studies and reports.
 */
export function screeningStatus(db: Db, projectId: number): Api.ScreeningStatus {
  requireProject(db, projectId);
  const retrieval = retrievalCounts(db, projectId);
  return {
    projectId,
    titleAbstract: {
      ...repo.stageCounts(db, projectId, 'title_abstract'),
      exclusionReasons: repo.exclusionReasons(db, projectId, 'title_abstract'),
    },
    fullText: {
      ...repo.stageCounts(db, projectId, 'full_text'),
      exclusionReasons: repo.exclusionReasons(db, projectId, 'full_text'),
      reportsSought: retrieval.sought,
      reportsNotRetrieved: retrieval.notRetrievable,
      reportsAwaitingRetrieval: retrieval.sought - retrieval.retrieved - retrieval.notRetrievable,
      reportsAssessed: retrieval.retrieved,
    },
    included: includedReportsAndStudies(db, projectId),
  };
}

/**
 * screeningStatus as this actor may see it: the counts PRISMA draws are derived from everyone's
 * votes at both stages, so a member blind at either gets only that they are blinded.
 */
export function screeningStatusFor(db: Db, projectId: number, actor: Actor): Api.ScreeningStatusResponse {
  requireProject(db, projectId);
  if (!visibilityFor(db, projectId, actor).may({ kind: 'prisma' }))
    return { projectId, visibility: 'blinded' };
  return screeningStatus(db, projectId);
}
