import type { Db } from '../db/connection';
import type { Actor } from '../domain/auth/actor';
import { getProject } from '../db/repos/projects';
import { APPRAISAL_SETTINGS } from '../domain/appraisal/settings';
import type { Action } from '../domain/auth/actions';
import {
  hiddenReason,
  maySee,
  othersWorkVisible,
  type Blinding,
  type JudgedStage,
  type View,
} from '../domain/auth/visibility';
import { CODING_SETTINGS } from '../domain/coding/settings';
import { ForbiddenError } from '../domain/errors';
import { SCREENING_SETTINGS } from '../domain/screening/settings';
import { readSection } from './project-settings';
import { requireAction } from './screening-settings';

/**
 * The visibility policy (domain/auth/visibility.ts) bound to one project and one member: every
 * service that shows something someone's judgements could move asks this, and nothing else.
 */

/** The project's blinding, from the screening, coding and appraisal settings. */
export function blindingOf(db: Db, projectId: number): Blinding {
  const screening = readSection(db, projectId, SCREENING_SETTINGS).stages;
  const coding = readSection(db, projectId, CODING_SETTINGS);
  const appraisal = readSection(db, projectId, APPRAISAL_SETTINGS);
  return {
    title_abstract: screening.title_abstract,
    full_text: screening.full_text,
    coding: { blind: coding.blind, unblinded: coding.unblinded },
    appraisal: { blind: appraisal.blind, unblinded: appraisal.unblinded },
  };
}

export interface Visibility {
  readonly actor: Actor;
  readonly blinding: Blinding;
  /** Whether the member may be shown `view`. */
  may(view: View): boolean;
  /** Refuses (403, details `{reason: "blind"}`) what the member may not be shown. */
  require(view: View): void;
  /** Whether the member sees the other coders' work on a study (see othersWorkVisible). */
  othersCoding(study: { doneByCaller: boolean; complete: boolean }): boolean;
  /** Whether the member sees the other appraisers' work on a study (see othersWorkVisible). */
  othersAppraisal(study: { doneByCaller: boolean; complete: boolean }): boolean;
}

/** What `actor` may be shown in this project now. */
export function visibilityFor(db: Db, projectId: number, actor: Actor): Visibility {
  const blinding = blindingOf(db, projectId);
  return {
    actor,
    blinding,
    may: (view) => maySee(actor, blinding, view),
    require(view) {
      const reason = hiddenReason(actor, blinding, view);
      if (reason !== null) throw new ForbiddenError(reason, { reason: 'blind', view: viewName(view) });
    },
    othersCoding: (study) => othersWorkVisible(actor, blinding, 'coding', study),
    othersAppraisal: (study) => othersWorkVisible(actor, blinding, 'appraisal', study),
  };
}

function viewName(view: View): string {
  return 'stage' in view ? `${view.kind}:${view.stage satisfies JudgedStage}` : view.kind;
}

/**
 * Refuses a member who may not work at a stage now (code, appraise): below the action's role, or
 * the stage's studies still closed to them. Which studies are included (and, for the appraisal,
 * their designs) is computed from earlier stages' judgements: a write that worked on one study
 * and failed on another would tell them, so it is refused alike for every record.
 */
export function requireStageWork(
  db: Db,
  projectId: number,
  actor: Actor,
  work: { action: Action; stage: JudgedStage },
): Visibility {
  getProject(db, projectId);
  requireAction(actor, work.action);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: work.stage });
  return vis;
}
