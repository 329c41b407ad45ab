import { ConflictError, ValidationError } from '../errors';
import type { StageSettings } from './settings';
import type { FinalDecision, RecordOutcome, RecordStageState, ScreeningEvent, Vote } from './types';

export const emptyState = (): RecordStageState => ({ votes: [], resolution: null });

/**
 * Folds one event into the state of a record at a stage. The events are the truth and are
 * never edited: a changed vote is a new vote (latest per reviewer counts), a withdrawn vote
 * is a retract event, and the owner's resolution closes the record for good.
 */
export function applyEvent(state: RecordStageState, event: ScreeningEvent): RecordStageState {
  switch (event.kind) {
    case 'vote': {
      const vote = {
        userId: event.userId,
        decision: event.decision,
        reason: event.reason,
        note: event.note,
        at: event.at,
      };
      const at = state.votes.findIndex((v) => v.userId === event.userId);
      const votes = at >= 0 ? state.votes.map((v, i) => (i === at ? vote : v)) : [...state.votes, vote];
      return { ...state, votes };
    }
    case 'retract':
      return { ...state, votes: state.votes.filter((v) => v.userId !== event.userId) };
    case 'resolve':
      return {
        ...state,
        resolution: { userId: event.userId, decision: event.decision, reason: event.reason, at: event.at },
      };
  }
}

/** The current state from the whole history, oldest event first. */
export function foldEvents(events: readonly ScreeningEvent[]): RecordStageState {
  return events.reduce(applyEvent, emptyState());
}

/** maybe counts as include when deciding agreement: it advances the record. */
export const advances = (vote: Vote): boolean => vote !== 'exclude';

/**
 * Where a record stands: awaiting until the required number of reviewers voted; then agreed
 * (every vote advances, or every vote excludes) or in conflict until the owner resolves it.
 * Extra votes beyond the required ones still count, so two reviewers racing on a
 * one-reviewer record lose nothing: if they disagree, the owner sees a conflict.
 */
export function outcomeOf(state: RecordStageState, reviewersRequired: number): RecordOutcome {
  if (state.resolution) return { status: 'resolved', outcome: state.resolution.decision };
  if (state.votes.length < reviewersRequired || state.votes.length === 0)
    return { status: 'awaiting', outcome: null };
  const advancing = state.votes.filter((v) => advances(v.decision)).length;
  if (advancing === state.votes.length) return { status: 'agreed', outcome: 'include' };
  if (advancing === 0) return { status: 'agreed', outcome: 'exclude' };
  return { status: 'conflict', outcome: null };
}

export interface VoteInput {
  userId: number;
  decision: Vote;
  reason?: string | null;
  note?: string | null;
}

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Checks a vote against the state and the stage's rules and returns the event to append. */
export function castVote(
  state: RecordStageState,
  input: VoteInput,
  stage: StageSettings,
  at: string,
): ScreeningEvent {
  if (state.resolution)
    throw new ConflictError('this record has been resolved at this stage; votes can no longer change');
  const reason = clean(input.reason);
  if (input.decision === 'exclude' && stage.reasonRequired && !reason) {
    throw new ValidationError('an exclusion reason is required at this stage');
  }
  return {
    kind: 'vote',
    userId: input.userId,
    decision: input.decision,
    reason,
    note: clean(input.note),
    at,
  };
}

/** A reviewer withdraws their vote (the record returns to their queue). */
export function retractVote(state: RecordStageState, userId: number, at: string): ScreeningEvent {
  if (state.resolution)
    throw new ConflictError('this record has been resolved at this stage; votes can no longer change');
  if (!state.votes.some((v) => v.userId === userId))
    throw new ConflictError('there is no vote of yours to retract');
  return { kind: 'retract', userId, at };
}

export interface ResolutionInput {
  userId: number;
  decision: FinalDecision;
  reason?: string | null;
}

/** The owner's final decision on a record in conflict. */
export function resolveConflict(
  state: RecordStageState,
  input: ResolutionInput,
  stage: StageSettings,
  at: string,
): ScreeningEvent {
  const { status } = outcomeOf(state, stage.reviewersRequired);
  if (status === 'resolved') throw new ConflictError('this record has already been resolved at this stage');
  if (status !== 'conflict')
    throw new ConflictError(`only a record in conflict can be resolved; this one is ${status}`);
  const reason = clean(input.reason);
  if (input.decision === 'exclude' && stage.reasonRequired && !reason) {
    throw new ValidationError('an exclusion reason is required at this stage');
  }
  return { kind: 'resolve', userId: input.userId, decision: input.decision, reason, at };
}
