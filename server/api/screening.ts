import type { Stage } from './common';

/** The screening API: …/settings and …/screening/:stage/… (issue 4's short paths take ?stage=). */

export type VoteDecision = 'include' | 'exclude' | 'maybe';
/** The owner's final word on a conflict: never "maybe". */
export type FinalDecision = 'include' | 'exclude';

/** A reviewer's current vote on a record at a stage. */
export interface Vote {
  userId: number;
  decision: VoteDecision;
  reason: string | null;
  note: string | null;
  at: string;
}

/** The fields a reviewer screens a record on. */
export interface ScreeningRecord {
  id: number;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  abstract: string | null;
  doi: string | null;
  keywords: string[];
  url: string | null;
  type: string | null;
}

export interface StageSettings {
  /** Votes needed before a record leaves every queue. */
  reviewersRequired: 1 | 2;
  /** Reviewers cannot see each other's votes… */
  blind: boolean;
  /** …until the owner unblinds the stage (one way). */
  unblinded: boolean;
  exclusionReasons: string[];
  /** Always true at full text. */
  reasonRequired: boolean;
}

export interface HighlightKeywords {
  include: string[];
  exclude: string[];
}

/** GET/PATCH …/settings, POST …/screening/:stage/unblind. */
export interface ScreeningSettings {
  eligibilityCriteria: string;
  highlightKeywords: HighlightKeywords;
  stages: Record<Stage, StageSettings>;
}

/** A record in the caller's queue: not yet voted on by them. */
export interface QueueRecord extends ScreeningRecord {
  /** Predicted relevance 0–1 when prioritisation is on and a model has scored the record. */
  relevance: number | null;
  myVote: Vote | null;
}

/** GET …/screening/:stage/queue?limit=: the next records and what the screening page shows beside them. */
export interface QueueResponse {
  stage: Stage;
  /** Records still waiting for the caller's vote, loaded or not. */
  remaining: number;
  prioritised: boolean;
  records: QueueRecord[];
  eligibilityCriteria: string;
  highlightKeywords: HighlightKeywords;
  exclusionReasons: string[];
  reasonRequired: boolean;
}

/**
 * A record the caller voted on: not yet resolved once the stage is open to them; while it is
 * blind, any (which are resolved would tell; changing a resolved one is refused).
 */
export interface VotedRecord extends ScreeningRecord {
  myVote: Vote;
}

/** GET …/screening/:stage/mine: the caller's own votes, newest first. */
export interface MineResponse {
  stage: Stage;
  records: VotedRecord[];
}

/** POST …/screening/:stage/decisions: only the caller's own vote (the record's status would betray others'). */
export interface DecisionResponse {
  recordId: number;
  stage: Stage;
  vote: Vote;
}

/**
 * awaiting: fewer votes than required; agreed: the required votes concur; conflict: they
 * do not; resolved: the owner decided a conflict.
 */
export type RecordStatus = 'awaiting' | 'agreed' | 'conflict' | 'resolved';

/** POST …/screening/:stage/resolutions. */
export interface ResolutionResponse {
  recordId: number;
  stage: Stage;
  status: RecordStatus;
  /** Where the record goes; null while awaiting or in conflict. */
  outcome: FinalDecision | null;
}

/** Where the records of one stage stand. */
export interface StageCounts {
  /** Records in the stage. */
  total: number;
  /** Records with at least one vote (or resolved). */
  screened: number;
  included: number;
  excluded: number;
  conflicts: number;
  resolved: number;
  /** Records still needing votes (none or fewer than required). */
  awaiting: number;
}

/** Records that need no more votes: total − awaiting. */
type Complete = { complete: number };

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface ReviewerCounts {
  userId: number;
  username: string | null;
  votes: number;
  include: number;
  exclude: number;
  maybe: number;
}

interface ProgressBase {
  stage: Stage;
  reviewersRequired: 1 | 2;
  blind: boolean;
  unblinded: boolean;
  /** The caller's own votes and queue; null for viewers. */
  me: { userId: number; votes: number; remaining: number } | null;
}

/** What a reviewer sees while others' votes are hidden from them. */
export interface BlindedProgress extends ProgressBase {
  visibility: 'blinded';
  /**
   * Only what does not depend on anyone else's votes: not even how many records are complete
   * or awaiting, which moves when someone else votes (vote, read, retract: did they vote?).
   */
  counts: Pick<StageCounts, 'total'>;
}

export interface FullProgress extends ProgressBase {
  visibility: 'full';
  counts: StageCounts & Complete;
  exclusionReasons: ReasonCount[];
  reviewers: ReviewerCounts[];
}

/**
 * A stage whose records come from a stage still blind to the caller (full text while
 * title/abstract is blind): which records reached it would tell what others voted.
 */
export interface ClosedProgress extends Omit<ProgressBase, 'me'> {
  visibility: 'closed';
  counts: null;
  me: null;
}

/** GET …/screening/:stage/progress. */
export type Progress = BlindedProgress | FullProgress | ClosedProgress;

/** A vote as the owner sees it on a conflict. */
export interface NamedVote extends Vote {
  username: string | null;
}

export interface Conflict {
  recordId: number;
  record: ScreeningRecord;
  votes: NamedVote[];
}

/** GET …/screening/:stage/conflicts (owners). */
export interface ConflictsResponse {
  stage: Stage;
  conflicts: Conflict[];
}

export type AgreementBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

export interface AgreementSummary {
  /** Records counted in the two-rater table. */
  n: number;
  /** The scale: the categories offered that the compared votes actually used. */
  categories: string[];
  /** rows: first reviewer to vote on a record, columns: second. */
  table: number[][];
  /** Observed agreement as a percentage (0–100). */
  percentAgreement: number | null;
  /** Observed agreement as a proportion (0–1). */
  observedAgreement: number | null;
  kappa: number | null;
  kappaSE: number | null;
  kappaCI95: [number, number] | null;
  pabak: number | null;
  ac1: number | null;
  scottPi: number | null;
  brennanPrediger: number | null;
  /** Krippendorff's alpha (nominal) over every vote. */
  alpha: number | null;
  /** Records with at least two votes (the units alpha can use). */
  alphaUnits: number;
  interpretation: AgreementBand | null;
  /**
   * For each statistic above that is null: why it cannot be estimated (no record with two
   * votes, one category used, a standard error of 0, …). Shown as "not estimable".
   */
  notEstimable: Partial<Record<AgreementStatistic, string>>;
}

export type AgreementStatistic =
  | 'percentAgreement'
  | 'observedAgreement'
  | 'kappa'
  | 'kappaSE'
  | 'kappaCI95'
  | 'pabak'
  | 'ac1'
  | 'scottPi'
  | 'brennanPrediger'
  | 'alpha'
  | 'interpretation';

export interface PairAgreement extends AgreementSummary {
  userA: number;
  userB: number;
  usernameA: string | null;
  usernameB: string | null;
}

/**
 * GET …/screening/:stage/agreement?maybe=include|separate&votes=first|latest: on the votes
 * before resolution, each reviewer's first vote by default.
 */
export interface Agreement extends AgreementSummary {
  stage: Stage;
  maybe: 'as_include' | 'separate';
  /** "first": each reviewer's first vote on a record (independent); "latest": the vote standing now. */
  votes: 'first' | 'latest';
  /** Every category a vote could fall in; `categories` is the scale: those actually used. */
  categoriesOffered: string[];
  pairs: PairAgreement[];
}

/** GET …/screening/status when the caller may see every vote: the counts PRISMA needs. */
export interface ScreeningStatus {
  projectId: number;
  titleAbstract: StageCounts & { exclusionReasons: ReasonCount[] };
  fullText: StageCounts & {
    exclusionReasons: ReasonCount[];
    reportsSought: number;
    reportsNotRetrieved: number;
    reportsAwaitingRetrieval: number;
    reportsAssessed: number;
  };
  included: { reports: number; studies: number };
}

/** GET …/screening/status: blinded callers learn only that. */
export type ScreeningStatusResponse = ScreeningStatus | { projectId: number; visibility: 'blinded' };
