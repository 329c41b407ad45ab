import type * as Api from '../api/types';
import { appraisalRepo } from '../db/repos/appraisal';
import type { Actor } from '../domain/auth/actor';
import { doneFinal } from '../domain/auth/visibility';
import { allowedAnswers, criteriaOf, designOf } from '../domain/appraisal/tool';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import {
  answersOf,
  appraisalProgress,
  loadAppraisal,
  requireAppraiser,
  type AppraisalState,
} from './appraisal-studies';
import { requireStudy } from './coding-studies';
import type { ServiceDeps } from './deps';

/**
 * An appraiser's own work on an included study: the design they appraise it as (when the
 * extraction form gives none), an answer to each criterion with its justification (and,
 * optionally, a quote and its page), and their "done", after which their appraisal is fixed and,
 * once the study has the appraisers it needs, they see the others' (visibility policy).
 */

export const LIMITS = { justification: 5000, quote: 20_000, page: 50 } as const;

/** The study the caller writes to (any report of it names it), refused once they marked it done. */
function studyToAppraise(state: AppraisalState, actor: Actor, recordId: number): number {
  const study = requireStudy(state.studies, recordId).recordId;
  if (appraisalProgress(state, study, actor).doneByCaller)
    throw new ConflictError('you marked this study done; reopen it to change your appraisal');
  return study;
}

/** The design the caller appraises a study as: the extraction form's, else their own choice. */
function designFor(state: AppraisalState, studyId: number, userId: number): string | null {
  return (
    state.formDesign.get(studyId) ??
    state.appraisals.get(studyId)?.find((a) => a.userId === userId)?.design ??
    null
  );
}

/**
 * One change to the caller's own appraisal of a study, in one immediate transaction over the
 * appraisal as it stands: refused below reviewer, while the appraisal is closed to the caller,
 * for a record that is no included study, and once the caller marked the study done.
 */
function changeOwnAppraisal<T>(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
  change: (state: AppraisalState, study: number) => T,
): T {
  const { db } = deps;
  requireAppraiser(db, projectId, actor);
  return db
    .transaction(() => {
      const state = loadAppraisal(db, projectId);
      return change(state, studyToAppraise(state, actor, recordId));
    })
    .immediate();
}

/** Refuses a design for a study the extraction form gives one to, and a design the tool lacks. */
export function requireDesignChoice(state: AppraisalState, study: number, design: string | null): void {
  const form = state.formDesign.get(study);
  if (form) throw new ConflictError(`the extraction form gives this study its design ("${form}")`);
  if (design !== null && !designOf(state.tool, design))
    throw new ValidationError(
      `"${design}" is not a design of ${state.tool.name}: one of ${state.tool.designs.map((d) => d.id).join(', ')}`,
    );
}

/** The appraiser chooses the study's design (refused when the extraction form gives one). */
export function setDesign(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; design: string | null },
): { recordId: number; design: string | null } {
  return changeOwnAppraisal(deps, projectId, actor, input.recordId, (state, study) => {
    requireDesignChoice(state, study, input.design);
    const now = deps.clock();
    const repo = appraisalRepo(deps.db);
    repo.touchAppraisal(projectId, study, actor.userId, now);
    repo.setDesign(study, actor.userId, input.design, now);
    return { recordId: study, design: input.design };
  });
}

export interface AnswerInput {
  recordId: number;
  criterion: string;
  answer: string;
  justification: string;
  quote?: string | null | undefined;
  page?: string | null | undefined;
}

/** Checks an answer against the tool: a criterion of the study's design, an answer it allows, a justification. */
export function checkedAnswer(
  state: AppraisalState,
  design: string | null,
  input: Omit<AnswerInput, 'recordId'>,
): { answer: string; justification: string; quote: string | null; page: string | null } {
  const criterion = criteriaOf(state.tool, design).find((c) => c.id === input.criterion);
  if (!criterion)
    throw new ValidationError(
      design === null && !state.tool.screening.some((c) => c.id === input.criterion)
        ? `choose the study's design before answering criterion "${input.criterion}"`
        : `"${input.criterion}" is not a criterion of this study's design in ${state.tool.name}`,
    );
  const allowed = allowedAnswers(state.tool, criterion);
  if (!allowed.includes(input.answer))
    throw new ValidationError(`criterion "${criterion.id}" takes one of: ${allowed.join(', ')}`);
  const justification = input.justification.trim();
  if (justification === '') throw new ValidationError('every answer needs a justification');
  if (justification.length > LIMITS.justification)
    throw new ValidationError(`a justification holds at most ${LIMITS.justification} characters`);
  const quote = input.quote?.trim() || null;
  const page = input.page?.trim() || null;
  if (quote && quote.length > LIMITS.quote)
    throw new ValidationError(`a quote holds at most ${LIMITS.quote} characters`);
  if (page && page.length > LIMITS.page)
    throw new ValidationError(`a page holds at most ${LIMITS.page} characters`);
  if (page && !quote) throw new ValidationError('a page goes with a quote');
  return { answer: input.answer, justification, quote, page };
}

/** The appraiser answers one criterion of a study. */
export function answerCriterion(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: AnswerInput,
): Api.AppraisalAnswer {
  return changeOwnAppraisal(deps, projectId, actor, input.recordId, (state, study) => {
    const checked = checkedAnswer(state, designFor(state, study, actor.userId), input);
    const now = deps.clock();
    const repo = appraisalRepo(deps.db);
    repo.touchAppraisal(projectId, study, actor.userId, now);
    repo.setAnswer(
      projectId,
      { recordId: study, userId: actor.userId, criterion: input.criterion, ...checked },
      now,
    );
    return { criterion: input.criterion, ...checked, updatedAt: now.toISOString() };
  });
}

/** The appraiser takes back an answer (while the study is not done). */
export function clearAnswer(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; criterion: string },
): void {
  changeOwnAppraisal(deps, projectId, actor, input.recordId, (state, study) => {
    if (!(input.criterion in answersOf(state, study, actor.userId)))
      throw new NotFoundError(`you have not answered "${input.criterion}" on this study`);
    appraisalRepo(deps.db).removeAnswer(study, actor.userId, input.criterion);
  });
}

/** The appraiser has answered every criterion of the study's design and says they are done. */
export function markAppraisalDone(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.AppraisalDone {
  return changeOwnAppraisal(deps, projectId, actor, recordId, (state, study) => {
    const design = designFor(state, study, actor.userId);
    if (design === null) throw new ValidationError("choose the study's design before marking it done");
    const mine = answersOf(state, study, actor.userId);
    const open = criteriaOf(state.tool, design)
      .filter((c) => !(c.id in mine))
      .map((c) => c.id);
    if (open.length > 0)
      throw new ValidationError(`answer every criterion first; still open: ${open.join(', ')}`);
    appraisalRepo(deps.db).setDone(projectId, [study], actor.userId, deps.clock());
    // The answer says nothing of the other appraisers: whether the study is complete is theirs.
    return { recordId: study, done: true };
  });
}

/**
 * The appraiser reopens their appraisal. While appraisal is blind to them this is refused once
 * the study has every finished appraiser it needs (they may have seen the others' answers since).
 */
export function reopenAppraisal(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.AppraisalDone {
  const { db } = deps;
  const vis = requireAppraiser(db, projectId, actor);
  return db
    .transaction(() => {
      const state = loadAppraisal(db, projectId);
      const study = requireStudy(state.studies, recordId).recordId;
      const progress = appraisalProgress(state, study, actor);
      if (!progress.doneByCaller) throw new ConflictError('you have not marked this study done');
      const required = state.settings.appraisersRequired;
      if (doneFinal(actor, vis.blinding, 'appraisal', { finished: progress.finished, required }))
        throw new ConflictError(
          'this study has every finished appraiser it needs; while appraisal is blind, "done" is final from then on',
        );
      // every report of the study: a mark may have been stored under any of them
      const reports = [...state.studies.codingRecordOf].filter(([, of]) => of === study).map(([r]) => r);
      appraisalRepo(db).setDone(projectId, reports, actor.userId, null);
      return { recordId: study, done: false };
    })
    .immediate();
}
