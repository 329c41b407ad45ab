import type { RecordLike, Stage } from './records';

/** Shapes of the screening API (server/services/screening.ts) as the client reads them. */
export interface Vote {
  userId: number;
  decision: 'include' | 'exclude' | 'maybe';
  reason: string | null;
  note: string | null;
  at: string;
  username?: string | null;
}

export interface ScreeningRecord extends RecordLike {
  type?: string | null;
  myVote: Vote | null;
  /** Predicted relevance 0–1 when prioritisation is on (ranking). */
  relevance?: number | null;
  score?: number | null;
}

export interface QueueResponse {
  stage: Stage;
  remaining: number;
  records: ScreeningRecord[];
  eligibilityCriteria: string;
  highlightKeywords: { include: string[]; exclude: string[] };
  exclusionReasons: string[];
  reasonRequired: boolean;
  prioritised?: boolean;
}

export interface StageCounts {
  total: number;
  screened?: number;
  included?: number;
  excluded?: number;
  conflicts?: number;
  resolved?: number;
  /** absent while the stage is blind to the caller: both move when someone else votes */
  awaiting?: number;
  complete?: number;
}

export interface Progress {
  stage: Stage;
  reviewersRequired: number;
  blind: boolean;
  unblinded: boolean;
  me: { userId: number; votes: number; remaining: number } | null;
  visibility: 'blinded' | 'full';
  counts: StageCounts;
  exclusionReasons?: { reason: string; count: number }[];
  reviewers?: { userId: number; username: string | null; votes: number; include: number; exclude: number; maybe: number }[];
}

export interface StageSettings {
  reviewersRequired: 1 | 2;
  blind: boolean;
  unblinded: boolean;
  exclusionReasons: string[];
  reasonRequired: boolean;
}

export interface Settings {
  eligibilityCriteria: string;
  highlightKeywords: { include: string[]; exclude: string[] };
  stages: Record<Stage, StageSettings>;
}

export interface Conflict {
  recordId: number;
  record: RecordLike;
  votes: Vote[];
}
