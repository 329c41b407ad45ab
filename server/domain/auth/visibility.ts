import type { Actor } from './actor';
import type { Role } from './roles';

/**
 * The one visibility policy: what a project member may be shown, given the blinding settings
 * and what the owner has unblinded. Plain data in, decisions out; services consult it for
 * every answer that someone's judgements could move, routes never decide it.
 *
 * The rule, in one sentence: while a stage is blind, a reviewer or viewer is shown their own
 * work and nothing computed from anyone else's judgements at that stage, and so nothing of a
 * later stage either, because which records reach a later stage is computed from the earlier
 * stage's outcomes. Owners see everything; they unblind a stage deliberately (one way).
 * docs/notes/screening.md ("Blind mode") has the table this module implements.
 */

/** The stages whose judgements can be blinded, in the order a review passes through them. */
export const JUDGED_STAGES = ['title_abstract', 'full_text', 'coding', 'appraisal'] as const;
export type JudgedStage = (typeof JUDGED_STAGES)[number];

export const STAGE_NAMES: Record<JudgedStage, string> = {
  title_abstract: 'title/abstract',
  full_text: 'full text',
  coding: 'coding',
  appraisal: 'appraisal',
};

export interface StageBlinding {
  /** Members below the owner do not see each other's judgements at this stage… */
  blind: boolean;
  /** …until the owner unblinds it (one way). */
  unblinded: boolean;
}

/** A project's blinding, stage by stage; a stage not listed is not blind. */
export type Blinding = Partial<Record<JudgedStage, StageBlinding>>;

/**
 * What can be shown, named by what it is computed from.
 * - `stage-records`: which records (or studies) are in a stage, and what hangs on that alone:
 *   the full-text list, its PDFs and study groupings, the coding list. Computed from the
 *   outcomes of every earlier stage.
 * - `own-work`: the caller's own votes or codes at a stage (and, as work sharing, which records
 *   still need them: that moves with how many votes a record has, never with what they say).
 * - `team-work`: other people's judgements at a stage and everything computed from them:
 *   progress counts, outcomes, conflicts, agreement, exclusion reasons.
 * - the rest are computed from several stages at once.
 */
export type View =
  | { kind: 'stage-records'; stage: JudgedStage }
  | { kind: 'own-work'; stage: JudgedStage }
  | { kind: 'team-work'; stage: JudgedStage }
  /** the PRISMA diagram in every format, its trace and drill-down, and the screening status */
  | { kind: 'prisma' }
  /** ranking scores, the prioritised order, the model and the stopping panel (trained on title/abstract outcomes) */
  | { kind: 'ranking' }
  /** the synthesis and the agreement between coders (from the consensus and the coders' work) */
  | { kind: 'synthesis' }
  /**
   * the appraisal's results: summary, traffic-light plot, exports, the agreement between
   * appraisers, and the synthesis filtered by them (from the designs the coding extracted, the
   * consensus and the appraisers' work)
   */
  | { kind: 'appraisal' }
  /** exports of records and decisions, and the whole-project archive */
  | { kind: 'export' }
  /** the drafted report: the diagram, excluded reports with reasons, agreement, coding and synthesis */
  | { kind: 'report' };

const before = (stage: JudgedStage): JudgedStage[] => JUDGED_STAGES.slice(0, JUDGED_STAGES.indexOf(stage));
const through = (stage: JudgedStage): JudgedStage[] =>
  JUDGED_STAGES.slice(0, JUDGED_STAGES.indexOf(stage) + 1);

/** The stages whose judgements a view is computed from: it is shown only when all of them are open. */
export function computedFrom(view: View): JudgedStage[] {
  switch (view.kind) {
    case 'stage-records':
    case 'own-work':
      return before(view.stage);
    case 'team-work':
      return through(view.stage);
    case 'prisma':
      return ['title_abstract', 'full_text'];
    case 'ranking':
      return ['title_abstract'];
    case 'synthesis':
      return ['title_abstract', 'full_text', 'coding'];
    case 'appraisal':
      return through('appraisal');
    case 'export':
    case 'report':
      return [...JUDGED_STAGES];
  }
}

/** Whether a member with `role` sees other people's judgements at `stage` (owners always do). */
export function stageOpen(role: Role, blinding: Blinding, stage: JudgedStage): boolean {
  if (role === 'owner') return true;
  const b = blinding[stage];
  return !b || !b.blind || b.unblinded;
}

/** The first stage that keeps `view` from this member, or null when they may see it. */
export function hiddenBy(actor: Actor, blinding: Blinding, view: View): JudgedStage | null {
  return computedFrom(view).find((stage) => !stageOpen(actor.role, blinding, stage)) ?? null;
}

/** Whether this member may be shown `view`. */
export function maySee(actor: Actor, blinding: Blinding, view: View): boolean {
  return hiddenBy(actor, blinding, view) === null;
}

/** Why `view` is withheld, for the refusal's message; null when it is not. */
export function hiddenReason(actor: Actor, blinding: Blinding, view: View): string | null {
  const stage = hiddenBy(actor, blinding, view);
  return stage === null
    ? null
    : `this is computed from other members' ${STAGE_NAMES[stage]} judgements, which are blind: ` +
        `it is shown to reviewers and viewers once the owner unblinds ${STAGE_NAMES[stage]}`;
}

/** The stages whose judges finish each study and then see each other's work on it. */
export type StudyStage = 'coding' | 'appraisal';

/**
 * Whether a coder (an appraiser) sees the other coders' (appraisers') work on one study: once
 * they have both finished it (the caller marked it done, and it has the finished members it
 * needs), or once the stage is open to them. A viewer codes and appraises nothing and sees
 * others' work only when the stage is open.
 */
export function othersWorkVisible(
  actor: Actor,
  blinding: Blinding,
  stage: StudyStage,
  study: { doneByCaller: boolean; complete: boolean },
): boolean {
  if (!maySee(actor, blinding, { kind: 'stage-records', stage })) return false;
  if (stageOpen(actor.role, blinding, stage)) return true;
  return actor.role !== 'viewer' && study.doneByCaller && study.complete;
}

/** othersWorkVisible at coding: the other coders' codes, excerpts and extraction values. */
export function othersCodingVisible(
  actor: Actor,
  blinding: Blinding,
  study: { doneByCaller: boolean; complete: boolean },
): boolean {
  return othersWorkVisible(actor, blinding, 'coding', study);
}

/**
 * Whether a member's "done" on a study is final: while the stage is blind to them, as soon as
 * the study has every finished member it needs, since from then on they see the others' work
 * and a change would no longer be independent (the refusal tells only that the others
 * finished, never what they did). Once the stage is open to them, they may reopen it.
 *
 * Votes follow the same principle with the rule they always had: a vote can change until the
 * owner resolves the record (or, at title/abstract, its report moves on to full text). Only
 * then may a refused change tell a blinded reviewer anything of the others' votes, when their
 * own vote on that record can no longer change; no read ever does (the views above).
 */
export function doneFinal(
  actor: Actor,
  blinding: Blinding,
  stage: StudyStage,
  study: { finished: number; required: number },
): boolean {
  return !stageOpen(actor.role, blinding, stage) && study.finished >= study.required;
}

/** doneFinal at coding. */
export function codingDoneFinal(
  actor: Actor,
  blinding: Blinding,
  study: { finished: number; required: number },
): boolean {
  return doneFinal(actor, blinding, 'coding', study);
}
