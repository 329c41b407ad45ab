import type { DedupRecordFields } from '../../api/dedup';

/** The fields deduplication reads from a record; every one may be missing (the API's shape, defined once). */
export type DedupRecord = DedupRecordFields;

/** Similarity of each field in [0, 1], or null when one side lacks the field. */
export interface FieldSimilarities {
  title: number | null;
  authors: number | null;
  year: number | null;
  journal: number | null;
  volume: number | null;
  issue: number | null;
  pages: number | null;
  abstract: number | null;
  doi: number | null;
  pmid: number | null;
}

/**
 * What one comparison concluded: `duplicate` merges automatically, `review` waits for a person,
 * `related` links a preprint and its published version, `distinct` is not kept.
 */
export type PairOutcome = 'duplicate' | 'review' | 'related' | 'distinct';

/** A fact that rules a merge out, with what was seen ("issue 2 vs 3"): shown to the reviewer. */
export interface Veto {
  name:
    | 'issue-differs'
    | 'pages-disjoint'
    | 'title-differs'
    | 'title-words-differ'
    | 'venue-kind-differs'
    | 'series-title';
  detail: string;
}

export interface PairVerdict {
  outcome: PairOutcome;
  /** The rule that decided, e.g. "same-doi", "veto:different-doi", "fuzzy:title+authors+pages". */
  rule: string;
  score: number;
  similarities: FieldSimilarities;
  /** Every veto that applied to the pair (absent when none did). */
  vetoes?: Veto[];
}
