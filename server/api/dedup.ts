/** The deduplication API: …/dedup/run, …/dedup/clusters, …/dedup/clusters/:clusterId/{decision,undo}. */

/** The counts `sift dedup --json` prints and the clusters listing carries as `summary`. */
export interface DedupCounts {
  records: number;
  duplicates: number;
  clusters: number;
  review: number;
}

/** POST …/dedup/run. */
export interface DedupRunSummary extends DedupCounts {
  /** Records this run compared against everything (all of them on the first run). */
  newRecords: number;
  comparisons: number;
  /** Records this run merged into another. */
  mergedNow: number;
  /** Review clusters this run opened. */
  reviewNow: number;
  /** Groups of look-alike records this run kept apart by a veto (stored as not-duplicate, with the vetoes). */
  keptApartNow: number;
  durationMs: number;
}

export type ClusterStatus = 'merged' | 'review' | 'not-duplicate' | 'related' | 'absorbed';

/** The fields deduplication compares; every one may be missing. */
export interface DedupRecordFields {
  id: number;
  type: string | null;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  isbn: string | null;
  abstract: string | null;
}

/** A member of a cluster, with the source (search) it came from. */
export interface DedupRecord extends DedupRecordFields {
  sourceId: number;
  sourceName: string;
  duplicateOf: number | null;
}

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

/** Why two records were joined: the comparison of records `a` and `b`. */
export interface Evidence {
  a: number;
  b: number;
  outcome: 'duplicate' | 'review' | 'related' | 'distinct';
  /** The rule that decided, e.g. "same-doi", "fuzzy:title+authors+pages". */
  rule: string;
  score: number;
  similarities: FieldSimilarities;
  /** Facts that ruled a merge out ("issue 2 vs 3"): why two records were kept apart or sent to review. */
  vetoes?: { name: string; detail: string }[];
}

export interface ClusterDecision {
  id: number;
  decision: string;
  userId: number | null;
  username: string | null;
  decidedAt: string;
  undone: boolean;
}

/** One cluster for review (also the answer to a decision or an undo). */
export interface Cluster {
  id: number;
  status: ClusterStatus;
  primaryRecordId: number | null;
  rule: string;
  score: number;
  evidence: Evidence[];
  /** The member records side by side. */
  records: DedupRecord[];
  /** Fields whose values differ between members (for highlighting). */
  differingFields: string[];
  /** For a merged cluster: the primary with empty fields filled from the others. */
  merged: { record: DedupRecordFields; filledFrom: Record<string, number> } | null;
  decisions: ClusterDecision[];
}

/** GET …/dedup/clusters?status=. */
export interface ClusterListResponse {
  summary: DedupCounts;
  clusters: Cluster[];
}
