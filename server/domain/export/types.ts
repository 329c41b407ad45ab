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
  /** Screening status when screening exists (included, excluded, undecided…). */
  status?: string | null;
  /** The stage at which the status was decided (title-abstract, full-text). */
  stage?: string | null;
  /** The reason recorded for an exclusion. */
  exclusionReason?: string | null;
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
