import type { BibRecord, FormatId } from '../import/types';

/** A stored record as the exporters see it: the parsed record plus Sift's own columns. */
export interface ExportRecord extends BibRecord {
  /** Sift's record id (records.id). */
  id: number;
  /** The id of the record this one was merged into as a duplicate; null for a kept record. */
  duplicateOf: number | null;
  /** The name of the source (search) the record came from. */
  sourceName: string | null;
  /** The format the record was imported from; RIS records are written back from their raw fields. */
  sourceFormat: FormatId | string | null;
  /** Where the record ended up: pending, included, excluded, duplicate, not_retrieved. */
  status?: string | null;
  /** The stage where it is or ended: title_abstract or full_text (none for duplicates and removals). */
  stage?: string | null;
  /** The reason recorded for an exclusion. */
  exclusionReason?: string | null;
  /** The kind of search the source was: database, register or other. */
  sourceKind?: string | null;
  /** Each stage's outcome and its reason (outcome null while votes are missing or in conflict). */
  titleAbstract?: StageResult | null;
  fullText?: StageResult | null;
  /** The report's retrieval: retrieved, not_retrievable, or null (not sought, or not yet). */
  retrieval?: string | null;
  /** The reason a bulk exclusion removed the record before screening. */
  removedReason?: string | null;
  /** The names of the labels on the record. */
  labels?: readonly string[];
  /** The team notes on the record, each "author (date): text". */
  notes?: readonly string[];
  /** Each reviewer's standing vote at each stage (only when the reader may see them). */
  votes?: readonly ExportVote[];
}

export interface StageResult {
  outcome: 'include' | 'exclude' | null;
  reason: string | null;
}

export interface ExportVote {
  stage: 'title_abstract' | 'full_text';
  username: string;
  decision: string;
  reason: string | null;
}

/** Options shared by the RIS and BibTeX exporters. */
export interface ExportOptions {
  /**
   * Add Sift's provenance (record id, source, status, duplicate_of) to each record: a N1 note
   * in RIS, sift_* fields in BibTeX. Off by default so that RIS → Sift → RIS gives back the
   * same fields and nothing more.
   */
  provenance?: boolean;
}
