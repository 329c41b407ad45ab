/** The appraisal API: …/appraisal/… (critical appraisal of the included studies, issue 20). */

/**
 * How an answer reads in the traffic-light table: its colour and symbol. `good` green "+",
 * `some` yellow "-", `bad` red "×", `unclear` yellow "?", `none` grey "·" (not applicable).
 */
export type AnswerTone = 'good' | 'some' | 'bad' | 'unclear' | 'none';

export interface AppraisalAnswerOption {
  /** Stored with each answer and in the JSON exports: `yes`, `no`, `cant_tell`, … */
  id: string;
  label: string;
  tone: AnswerTone;
}

export interface AppraisalCriterion {
  /** Unique in the tool ("S1", "1.1", "Q3"): the column of the traffic-light table. */
  id: string;
  question: string;
  /** The answers this criterion allows (ids of the tool's answers); all of them when left out. */
  answers?: string[];
  /** The domain or section it belongs to (CASP's "Are the results valid?"). */
  domain?: string;
  /** What to consider, in the tool's spirit. */
  hint?: string;
}

export interface AppraisalDesign {
  id: string;
  label: string;
  criteria: AppraisalCriterion[];
}

/**
 * How a study's answers become one overall judgement (on its design's criteria). A small set of
 * kinds, each data:
 * - `none`: no overall judgement, each criterion is reported (MMAT 2018's advice); `note` says why.
 * - `count`: how many criteria got `answer` ("4/5 yes"); with `bands`, the label of the first band
 *   whose `atLeast` (a share of the criteria, 0–1) the count reaches.
 * - `all`: `met` when every criterion got `answer`, else `notMet`.
 * - `worst`: answers ranked best to worst (`order`); the worst answer given decides, shown with
 *   its label in `labels` (or the answer's own label).
 */
export type OverallRule =
  | { kind: 'none'; note: string }
  | { kind: 'count'; answer: string; bands?: { atLeast: number; label: string }[] }
  | { kind: 'all'; answer: string; met: string; notMet: string }
  | { kind: 'worst'; order: string[]; labels?: Record<string, string> };

/** Where a tool comes from: every shipped tool cites its source (and is paraphrased from it). */
export interface AppraisalToolSource {
  authors: string;
  year: number;
  title: string;
  url: string;
  note?: string;
}

/** An appraisal tool as data: the JSON `sift appraisal tool export|import` and the tool editor move. */
export interface AppraisalTool {
  format: 'sift-appraisal-tool';
  version: 1;
  /** Letters, digits, '.', '_' or '-' (`mmat-2018`). */
  id: string;
  name: string;
  description?: string;
  source?: AppraisalToolSource;
  answers: AppraisalAnswerOption[];
  /** Questions asked of every study before its design's criteria (MMAT's two screening questions). */
  screening: AppraisalCriterion[];
  designs: AppraisalDesign[];
  overall: OverallRule;
}

/** GET/PATCH …/appraisal/settings, POST …/appraisal/unblind. */
export interface AppraisalSettings {
  /** The tool the project appraises with: a shipped tool's id or the project's own. */
  tool: string;
  /** Appraisers who finish each study: 2 (blind, then the owner's consensus) or 1. */
  appraisersRequired: 1 | 2;
  blind: boolean;
  unblinded: boolean;
  /** The extraction field that holds a study's design (`design`); null: appraisers choose it. */
  designField: string | null;
  /** Extraction value → design id of the tool; a value not listed matches a design by id or label. */
  designMap: Record<string, string>;
  /** Shown above the appraisal and written into its exports (the demo's "illustration" notice). */
  notice: string | null;
}

/** GET …/appraisal/tools: every tool the project may choose, in full, and the one it uses. */
export interface AppraisalToolsResponse {
  active: string;
  tools: (AppraisalTool & { builtIn: boolean })[];
}

/** One answer of one appraiser (or of the consensus) to one criterion. */
export interface AppraisalAnswer {
  criterion: string;
  answer: string;
  justification: string;
  quote: string | null;
  page: string | null;
  updatedAt: string;
}

/** One appraiser's work on a study. */
export interface AppraiserWork {
  userId: number;
  appraiser: string;
  /** The design they appraised it as (when the extraction form has none). */
  design: string | null;
  done: boolean;
  answers: AppraisalAnswer[];
}

/**
 * The appraisal of a study the results count: the owner's decisions, and where they wrote none,
 * the answers both appraisers agreed on (with one appraiser per study, theirs).
 */
export interface AppraisalConsensus {
  design: string | null;
  answers: (AppraisalAnswer & { fromAppraiser: string | null; decidedBy: string })[];
  /** Criteria (and "design") the appraisers disagree on that the owner has not decided yet. */
  unresolved: string[];
}

/** GET …/appraisal/studies: one item per included study. */
export interface AppraisalStudyItem {
  id: number;
  label: string;
  title: string | null;
  reportIds: number[];
  /** The design from the extraction form, or null when the appraiser chooses it. */
  formDesign: string | null;
  /** The design the caller appraises it as: the form's, else their own choice. */
  design: string | null;
  /** How many criteria of that design (screening included) the caller answered, of how many. */
  answered: number;
  criteria: number;
  done: boolean;
  /** Who marked it done; null while the caller may not see the others' appraisal of it. */
  doneBy: string[] | null;
  /** Criteria with a consensus answer; null while hidden. */
  consensus: number | null;
}

export interface AppraisalStudiesResponse {
  notice: string | null;
  appraisersRequired: 1 | 2;
  studies: AppraisalStudyItem[];
}

/** GET …/appraisal/studies/:recordId (any report of the study). */
export interface AppraisalStudyDetail {
  study: {
    id: number;
    label: string;
    title: string | null;
    authors: string[];
    year: number | null;
    journal: string | null;
    abstract: string | null;
  };
  reportIds: number[];
  notice: string | null;
  tool: AppraisalTool;
  formDesign: string | null;
  /** The caller's own work. */
  mine: AppraiserWork;
  othersVisible: boolean;
  /** The other appraisers' work; empty while hidden. */
  others: AppraiserWork[];
  doneBy: string[] | null;
  consensus: AppraisalConsensus | null;
}

/** POST/DELETE …/appraisal/studies/:recordId/done. */
export interface AppraisalDone {
  recordId: number;
  done: boolean;
}

/** Agreement between two appraisers on one criterion, over the studies both finished and answered. */
export interface CriterionAgreement {
  criterion: string;
  appraisers: [string, string];
  studies: number;
  /** Answer ids of the table's rows and columns (the first appraiser down, the second across). */
  categories: string[];
  table: number[][];
  observedAgreement: number | null;
  kappa: number | null;
  /** Why kappa is not estimable (shown as "not estimable"); null when it is. */
  kappaNotEstimable: string | null;
}

/** One study of the summary: the consensus (or with one appraiser per study, theirs). */
export interface AppraisalSummaryStudy {
  study: number;
  label: string;
  design: string | null;
  answers: Record<string, string>;
  /** The tool rule's judgement; null when the rule gives none or the appraisal is incomplete. */
  overall: string | null;
  /** Every criterion of the design answered with a good (or not-applicable) answer. */
  meetsAll: boolean;
  complete: boolean;
}

/**
 * GET …/appraisal/summary and `sift appraisal summary --json`: `{tool, studies, agreement}` is the
 * contract; the other keys extend it.
 */
export interface AppraisalSummary {
  tool: string;
  toolName: string;
  source: AppraisalToolSource | null;
  notice: string | null;
  overallRule: OverallRule;
  appraisersRequired: 1 | 2;
  studies: AppraisalSummaryStudy[];
  /** Per criterion: studies per answer (the weighted summary bars; each study weighs 1). */
  distribution: {
    criterion: string;
    design: string | null;
    studies: number;
    counts: Record<string, number>;
  }[];
  agreement: { criteria: CriterionAgreement[] };
}
