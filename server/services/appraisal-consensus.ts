import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { appraisalRepo } from '../db/repos/appraisal';
import { codingRepo } from '../db/repos/coding';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { APPRAISAL_SETTINGS, applyAppraisalPatch, unblindAppraisal } from '../domain/appraisal/settings';
import { designOf } from '../domain/appraisal/tool';
import { NotFoundError, ValidationError } from '../domain/errors';
import { checkedAnswer, requireDesignChoice } from './appraisal';
import { appraisalSettings, countedOf, loadAppraisal, type AppraisalState } from './appraisal-studies';
import { projectTool } from './appraisal-tools';
import { requireStudy } from './coding-studies';
import type { ServiceDeps } from './deps';
import { updateSection } from './project-settings';
import { requireAction } from './screening-settings';
import { userNames } from './user-names';

/**
 * The owner's side of the appraisal: its settings, the one-way unblinding, and the consensus:
 * a study's design and, criterion by criterion, the answer that counts (one appraiser's, with
 * their justification unless the owner writes another, or the owner's own), with who and when.
 */

export { appraisalSettings };

/** The owner changes how studies are appraised (appraisers per study, blind, where designs come from, the notice). */
export function updateAppraisalSettings(
  db: Db,
  projectId: number,
  actor: Actor,
  patch: unknown,
): Api.AppraisalSettings {
  getProject(db, projectId);
  requireAction(actor, 'settings');
  const fields = codingRepo(db)
    .listFields(projectId)
    .map((f) => f.key);
  const tool = projectTool(db, projectId);
  return updateSection(db, projectId, APPRAISAL_SETTINGS, (current) => {
    const next = applyAppraisalPatch(current, patch);
    if (
      next.designField !== null &&
      next.designField !== current.designField &&
      !fields.includes(next.designField)
    )
      throw new ValidationError(
        `designField: the extraction form has no field "${next.designField}"${fields.length ? ` (it has ${fields.join(', ')})` : ''}`,
      );
    for (const [value, design] of Object.entries(next.designMap))
      if (!designOf(tool, design))
        throw new ValidationError(
          `designMap: "${value}" maps to "${design}", which is not a design of ${tool.name}`,
        );
    return next;
  });
}

/** The owner lets appraisers see each other's work on every study; there is no way back. */
export function unblindAppraisalStage(db: Db, projectId: number, actor: Actor): Api.AppraisalSettings {
  getProject(db, projectId);
  requireAction(actor, 'resolve');
  return updateSection(db, projectId, APPRAISAL_SETTINGS, unblindAppraisal);
}

/** One decision of the owner on a study, in one immediate transaction over the appraisal as it stands. */
function ownerDecides<T>(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
  decide: (state: AppraisalState, study: number) => T,
): T {
  const { db } = deps;
  getProject(db, projectId);
  requireAction(actor, 'resolve');
  return db
    .transaction(() => {
      const state = loadAppraisal(db, projectId);
      return decide(state, requireStudy(state.studies, recordId).recordId);
    })
    .immediate();
}

/** The owner decides a study's design (when the extraction form gives none). */
export function setConsensusDesign(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; design: string | null },
): { recordId: number; design: string | null } {
  return ownerDecides(deps, projectId, actor, input.recordId, (state, study) => {
    requireDesignChoice(state, study, input.design);
    appraisalRepo(deps.db).setConsensusDesign(projectId, study, input.design, actor.userId, deps.clock());
    return { recordId: study, design: input.design };
  });
}

export interface ConsensusAnswerInput {
  recordId: number;
  criterion: string;
  /** Accept this appraiser's answer (and their justification, quote and page unless given below). */
  fromUserId?: number | null | undefined;
  answer?: string | undefined;
  justification?: string | undefined;
  quote?: string | null | undefined;
  page?: string | null | undefined;
}

/** The owner reconciles one criterion: an appraiser's answer (as given, or edited) or their own. */
export function setConsensusAnswer(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: ConsensusAnswerInput,
): Api.AppraisalConsensus['answers'][number] {
  return ownerDecides(deps, projectId, actor, input.recordId, (state, study) => {
    const fromUserId = input.fromUserId ?? null;
    const theirs =
      fromUserId === null
        ? undefined
        : (state.answers.get(study) ?? []).find(
            (a) => a.userId === fromUserId && a.criterion === input.criterion,
          );
    if (fromUserId !== null && !theirs)
      throw new NotFoundError(`that appraiser has not answered "${input.criterion}" on this study`);
    const answer = input.answer ?? theirs?.answer;
    if (answer === undefined)
      throw new ValidationError('give the answer, or the appraiser whose answer to accept (fromUserId)');
    const checked = checkedAnswer(state, countedOf(state, study).design, {
      criterion: input.criterion,
      answer,
      justification: input.justification ?? theirs?.justification ?? '',
      quote: input.quote !== undefined ? input.quote : (theirs?.quote ?? null),
      page: input.page !== undefined ? input.page : (theirs?.page ?? null),
    });
    const now = deps.clock();
    appraisalRepo(deps.db).setConsensusAnswer(
      projectId,
      { recordId: study, criterion: input.criterion, ...checked, fromUserId, decidedBy: actor.userId },
      now,
    );
    const name = userNames(deps.db);
    return {
      criterion: input.criterion,
      ...checked,
      updatedAt: now.toISOString(),
      fromAppraiser: fromUserId === null ? null : name(fromUserId),
      decidedBy: name(actor.userId),
    };
  });
}
