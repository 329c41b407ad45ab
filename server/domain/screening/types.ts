/** The two screening stages of PRISMA 2020: records at title/abstract, reports at full text. */
export const STAGES = ['title_abstract', 'full_text'] as const;
export type Stage = (typeof STAGES)[number];

export const VOTES = ['include', 'exclude', 'maybe'] as const;
/** A reviewer's vote. "maybe" advances like include (as in Covidence) but is kept as said. */
export type Vote = (typeof VOTES)[number];

/** The owner's final word on a conflict: definite, never "maybe". */
export type FinalDecision = 'include' | 'exclude';

export type { Role as ProjectRole } from '../auth/roles';

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** One append-only fact about a record at a stage. */
export type ScreeningEvent =
  | { kind: 'vote'; userId: number; decision: Vote; reason: string | null; note: string | null; at: string }
  | { kind: 'retract'; userId: number; at: string }
  | { kind: 'resolve'; userId: number; decision: FinalDecision; reason: string | null; at: string };

export interface CurrentVote {
  userId: number;
  decision: Vote;
  reason: string | null;
  note: string | null;
  at: string;
}

export interface Resolution {
  userId: number;
  decision: FinalDecision;
  reason: string | null;
  at: string;
}

/** What the events of one record at one stage add up to. */
export interface RecordStageState {
  /** The latest vote of each reviewer, in the order reviewers first cast them. */
  votes: CurrentVote[];
  resolution: Resolution | null;
}

/**
 * awaiting: fewer votes than required; agreed: the required votes concur; conflict: they
 * do not; resolved: the owner decided a conflict.
 */
export type RecordStatus = 'awaiting' | 'agreed' | 'conflict' | 'resolved';

export interface RecordOutcome {
  status: RecordStatus;
  /** Where the record goes: include (advance) or exclude; null while awaiting or in conflict. */
  outcome: FinalDecision | null;
}
