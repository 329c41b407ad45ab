import type { SourceKind } from '../source-kinds';

/**
 * The PRISMA 2020 flow diagram as plain data.
 *
 * PrismaInput is what a review knows (counts, each optionally with the ids of the records or
 * reports behind it); PrismaModel is the diagram, keyed by the data keys of the PRISMA2020
 * R package / Shiny app CSV template (inst/extdata/PRISMA.csv, v1.1.4).
 */

/** Record (or report) ids behind one count: the trace a reader can open. */
export type TraceIds = readonly number[];

/** A count, with the ids behind it when they are known. */
export interface Count {
  n: number;
  ids?: TraceIds;
}

/** A named count: one source, one exclusion reason. */
export interface NamedCount extends Count {
  name: string;
}

export type { SourceKind } from '../source-kinds';

/** The three kinds of "other methods" the template distinguishes. */
export type OtherMethod = 'website' | 'organisation' | 'citation';

export interface SourceCount extends NamedCount {
  kind: SourceKind;
  /** For kind 'other': which template row it counts in; inferred from the name when absent. */
  method?: OtherMethod;
}

/** Counts of the reports stage of one column (databases and registers, or other methods). */
export interface ReportsInput {
  sought?: Count;
  notRetrieved?: Count;
  assessed?: Count;
  /** Reports excluded at full text; reasons should add up to n. */
  excluded?: Count & { reasons?: readonly NamedCount[] };
  /** Reports of this column that were included (lets the sums be checked per column). */
  included?: Count;
}

/**
 * The other-methods column before retrieval. The template draws it straight from "Records
 * identified" to "Reports sought for retrieval"; a review also knows the copies it removed as
 * duplicates and, when the team screened these records at title/abstract, that step.
 */
export interface OtherMethodsInput extends ReportsInput {
  /** Copies removed as duplicates of records already identified (by any column). */
  duplicates?: Count;
  /** Records removed before screening by an eligibility rule (a bulk exclusion), with its reasons. */
  removedOther?: Count & { reasons?: readonly NamedCount[] };
  /** Records that entered title/abstract screening (after duplicates were removed). */
  screened?: Count;
  /** Records excluded at title/abstract, with reasons where recorded. */
  screeningExcluded?: Count & { reasons?: readonly NamedCount[] };
}

/**
 * Whether the diagram shows the other-methods column's title/abstract step: "auto" when a
 * record of that column was excluded there (so none is lost), "always" whenever the review
 * knows it (a team that screens those records and wants to say so).
 */
export type OtherScreening = 'auto' | 'always';
export const OTHER_SCREENING: readonly OtherScreening[] = ['auto', 'always'];

/** What the review knows; every field is optional except sources, and missing ones are derived where PRISMA allows. */
export interface PrismaInput {
  sources: readonly SourceCount[];
  /**
   * Totals identified per template row when they are known without per-source detail (an
   * imported CSV); each overrides the sum of `sources` for its row.
   */
  identified?: {
    databases?: Count;
    registers?: Count;
    websites?: Count;
    organisations?: Count;
    citations?: Count;
  };
  /** Removed before screening (databases and registers only, as in the template). */
  removed?: {
    duplicates?: Count;
    automation?: Count;
    /** Records removed for other reasons (Sift: a bulk exclusion by an eligibility rule), with the reasons. */
    other?: Count & { reasons?: readonly NamedCount[] };
  };
  screened?: Count;
  /** Records excluded at title/abstract, with reasons where recorded. */
  screeningExcluded?: Count & { reasons?: readonly NamedCount[] };
  databases?: ReportsInput;
  otherMethods?: OtherMethodsInput;
  /** How the other-methods column's title/abstract step is drawn; "auto" when absent. */
  otherScreening?: OtherScreening;
  /** Studies and reports newly included (both columns together, as box 10 of the template). */
  included?: { studies?: Count; reports?: Count };
  /** For an updated review: what the previous version included. */
  previous?: { studies?: Count; reports?: Count };
  /** Totals as reported elsewhere (an imported CSV); computed as previous + new when absent. */
  totals?: { studies?: Count; reports?: Count };
  /** Optional meta-analysis box of template v1.1.4. */
  metaAnalysis?: { studies?: Count; reports?: Count };
  /**
   * Work still in progress: records or reports that have entered a step but have no final
   * decision yet. They are reported as warnings and allowed for in the sums.
   */
  pending?: {
    /** databases and registers: records awaiting a title/abstract outcome */
    screening?: Count;
    dbrRetrieval?: Count;
    dbrEligibility?: Count;
    /** other methods: records awaiting a title/abstract outcome before they are sought */
    otherScreening?: Count;
    otherRetrieval?: Count;
    otherEligibility?: Count;
  };
  /** Box text overrides keyed by data key (or box name for title boxes), e.g. from an imported CSV. */
  labels?: Readonly<Record<string, string>>;
}

/** Every count key of the template whose `n` is a number. */
export const TEMPLATE_NUMERIC_KEYS = [
  'previous_studies',
  'previous_reports',
  'database_results',
  'register_results',
  'website_results',
  'organisation_results',
  'citations_results',
  'duplicates',
  'excluded_automatic',
  'excluded_other',
  'records_screened',
  'records_excluded',
  'dbr_sought_reports',
  'dbr_notretrieved_reports',
  'other_sought_reports',
  'other_notretrieved_reports',
  'dbr_assessed',
  'dbr_excluded',
  'other_assessed',
  'other_excluded',
  'new_studies',
  'new_reports',
  'total_studies',
  'total_reports',
  'total_studies_ma',
  'total_reports_ma',
] as const;

/**
 * Counts Sift adds to the template, in the other-methods column: the duplicates removed there,
 * the records an eligibility rule removed there before screening (shown when there are any)
 * and, when shown, its title/abstract step. JSON only: the template CSV keeps its 34 rows (the
 * PRISMA2020 R package finds rows by substring, so extra rows could be read as its own).
 */
export const EXTENSION_NUMERIC_KEYS = [
  'other_duplicates',
  'other_excluded_other',
  'other_records_screened',
  'other_records_excluded',
] as const;

export const NUMERIC_KEYS = [...TEMPLATE_NUMERIC_KEYS, ...EXTENSION_NUMERIC_KEYS] as const;
export type NumericKey = (typeof NUMERIC_KEYS)[number];

/** Keys whose detail is a list of `{name, n}` (per source, per reason). */
export const DETAIL_KEYS = [
  'database_specific_results',
  'register_specific_results',
  'records_excluded_reasons',
  'dbr_excluded_reasons',
  'other_excluded_reasons',
  'other_records_excluded_reasons',
  // Sift's: the reasons of the records removed for other reasons (the template has no list there)
  'excluded_other_reasons',
  'other_excluded_other_reasons',
] as const;
export type DetailKey = (typeof DETAIL_KEYS)[number];

export interface NameN {
  name: string;
  n: number;
}

/** The diagram: numbers (null = not reported) and per-source / per-reason detail. */
export type PrismaModel = { [K in NumericKey]: number | null } & { [K in DetailKey]: NameN[] };

export interface PrismaWarning {
  /** Stable identifier of the rule, e.g. "screened_mismatch". */
  code: string;
  message: string;
  /** The data keys involved, for highlighting. */
  keys: string[];
}

/** Which optional parts of the template the diagram needs. */
export interface PrismaLayoutHints {
  previous: boolean;
  other: boolean;
}

export interface PrismaResult {
  model: PrismaModel;
  /** Box text overrides (data key or title box name → text). */
  labels: Record<string, string>;
  /** Drill-down: box key (a data key, or `key:name` for one source or reason) → ids. */
  trace: Record<string, TraceIds>;
  warnings: PrismaWarning[];
  hints: PrismaLayoutHints;
}
