/** The prioritisation API: …/ranking and …/ranking/settings. */

/** PUT …/ranking/settings answers these; the owner's switch and the cold-start words. */
export interface PrioritisationSettings {
  enabled: boolean;
  /** Words from the review question that order the queue before the first include and exclude. */
  keywords: string[];
  model: 'nb' | 'lr';
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

/** Three independent stopping guides; none is acted on by itself. */
export interface StoppingReport {
  screened: number;
  totalRecords: number;
  relevantFound: number;
  relevantLeft: { estimate: number; recentRate: number; window: number };
  hypergeometric: {
    /** Smallest p-value over the windows tried. */
    pValue: number;
    window: number;
    recallTarget: number;
    confidence: number;
    /** "recall is below target" is rejected at 1 − confidence. */
    met: boolean;
  };
  consecutive: { consecutiveExcludes: number; threshold: number; met: boolean };
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
