/** The prioritisation API: …/ranking and …/ranking/settings. */

/** PUT …/ranking/settings answers these; the owner's switch and the cold-start words. */
export interface PrioritisationSettings {
  enabled: boolean;
  /** Words from the review question that order the queue before the first include and exclude. */
  keywords: string[];
  /** `sift` (the default: SVM, joined by naive Bayes when screening stalls), or naive Bayes / logistic regression alone. */
  model: 'sift' | 'nb' | 'lr';
}

/** The model that scores the queue, once there is one include and one exclude. */
export interface RankingModel {
  projectId: number;
  modelVersion: string;
  trainedAt: string;
  includes: number;
  excludes: number;
  records: number;
  durationMs: number;
}

/**
 * Three independent stopping guides; none is acted on by itself. Counted over the records
 * still at title/abstract (records merged as duplicates are left out), with the numbers each
 * guide used; none is met before a relevant record has been found.
 */
export interface StoppingReport {
  /** Records of the stage with a settled outcome. */
  screened: number;
  /** Records in the stage. */
  totalRecords: number;
  unscreened: number;
  /** Records merged into another as duplicates: not in the stage, not counted. */
  duplicatesLeftOut: number;
  relevantFound: number;
  relevantLeft: { estimate: number; recentRate: number; window: number };
  hypergeometric: {
    /** Smallest p-value over the windows tried. */
    pValue: number;
    window: number;
    recallTarget: number;
    confidence: number;
    /** "recall is below target" is rejected at 1 − confidence (never with nothing relevant found). */
    met: boolean;
    /** Why it is not met although p is small (nothing relevant found yet); null otherwise. */
    reason: string | null;
    relevantSeen: number;
    unscreened: number;
    /** Relevant records in the window. */
    relevantInWindow: number;
    /** The window plus the unscreened records. */
    pool: number;
    /** Relevant records the pool would hold at least if recall were below target (K_tar). */
    targetRelevant: number;
  };
  consecutive: { consecutiveExcludes: number; threshold: number; met: boolean; reason: string | null };
}

/**
 * GET …/ranking: the switch, the model, and the stopping signals. The model and the signals are
 * trained on other reviewers' votes: `visibility: "blinded"` (and both null) while
 * title/abstract is blind to the caller.
 */
export type RankingResponse =
  | {
      settings: PrioritisationSettings;
      visibility: 'full';
      model: RankingModel | null;
      stopping: StoppingReport;
    }
  | { settings: PrioritisationSettings; visibility: 'blinded'; model: null; stopping: null };
