/** The records workspace API: the records list and record page, labels, notes, bulk actions, the history. */
import type { Stage } from './common';
import type { RecordDetail, RecordSummary, SourceKind } from './projects';

/** Where a record ended up (a contract of the exports too: exactly these words). */
export type FinalRecordStatus = 'pending' | 'included' | 'excluded' | 'duplicate' | 'not_retrieved';

/** A record's final status and stage, shown to a member who may see both stages' outcomes. */
export interface RecordOutcome {
  status: FinalRecordStatus;
  /** null for a duplicate or a record removed before screening */
  stage: Stage | null;
  /** why it was excluded */
  reason: string | null;
}

export interface LabelSummary {
  id: number;
  name: string;
  /** #rrggbb */
  colour: string;
}

/** GET …/labels */
export interface Label extends LabelSummary {
  createdAt: string;
  /** records carrying it */
  records: number;
}

export interface LabelListResponse {
  labels: Label[];
}

export interface LabelResponse {
  label: Label;
}

/** A record removed before screening by a bulk exclusion (shown to every member: it is the owner's rule, not a judgement). */
export interface RemovalInfo {
  reason: string;
  at: string;
  actionId: number;
}

/** One line of the records list. */
export interface RecordListItem extends RecordSummary {
  duplicateOf: number | null;
  sourceName: string;
  sourceKind: SourceKind;
  labels: LabelSummary[];
  removedBeforeScreening: RemovalInfo | null;
  /** null while the caller may not see the outcomes (a stage still blind to them) */
  outcome: RecordOutcome | null;
}

export type SortKey = 'id' | 'year' | 'title' | 'author' | 'source';

/**
 * GET …/records. `offset`/`limit` as before; `nextCursor` continues after the last item
 * (`?cursor=`), as fast at the end of 100,000 records as at the start.
 */
export interface RecordListResponse {
  total: number;
  offset: number;
  limit: number;
  items: RecordListItem[];
  nextCursor: string | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** whether `outcome` is filled (both screening stages open to the caller) */
  outcomesVisible: boolean;
}

/** A team note on a record. */
export interface RecordNote {
  id: number;
  recordId: number;
  userId: number | null;
  username: string | null;
  text: string;
  createdAt: string;
}

export interface NoteResponse {
  note: RecordNote;
}

/** Another copy of the work that deduplication merged into this record. */
export interface MergedCopy {
  id: number;
  sourceId: number;
  sourceName: string;
  sourceKind: SourceKind;
  title: string | null;
  year: number | null;
  doi: string | null;
}

/** GET …/records/:recordId: the record in full, as the record page shows it. */
export interface RecordPageDetail extends RecordDetail {
  labels: LabelSummary[];
  /** the copies merged into this record (the sources it came from besides its own) */
  copies: MergedCopy[];
  removedBeforeScreening: RemovalInfo | null;
  outcome: RecordOutcome | null;
  /** the caller's own notes, and the others' once blinding allows (docs/notes/records.md) */
  notes: RecordNote[];
}

export type TimelineKind =
  | 'imported'
  | 'vote'
  | 'retract'
  | 'resolve'
  | 'dedup'
  | 'retrieval'
  | 'label_added'
  | 'label_removed'
  | 'removed'
  | 'restored'
  | 'note';

/** One thing that happened to a record, with who and when (user null: automatic or the command line). */
export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  user: { id: number; username: string | null } | null;
  stage?: Stage;
  /** vote/resolve: include, exclude, maybe; dedup: auto-merge, merge, not-duplicate, undo; retrieval: retrieved, not_retrievable */
  decision?: string;
  reason?: string | null;
  /** a vote's note, or a note's text */
  text?: string | null;
  /** label_added/label_removed */
  label?: string;
  /** the bulk action it was part of */
  actionId?: number | null;
  /** a line of explanation (which records a merge joined, which source a record came from) */
  detail?: string;
}

/** GET …/records/:recordId/timeline */
export interface TimelineResponse {
  recordId: number;
  events: TimelineEvent[];
  /** stages whose other members' votes and resolutions are not shown to the caller (blind) */
  hiddenStages: Stage[];
}

export type BulkActionKind = 'bulk_label' | 'bulk_exclude' | 'bulk_merge' | 'source_edit' | 'source_delete';

/** One entry of the project's history (GET …/history, owners). */
export interface HistoryEntry {
  id: number;
  kind: BulkActionKind;
  user: { id: number; username: string | null } | null;
  summary: string;
  details: Record<string, unknown>;
  touched: number;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: { id: number; username: string | null } | null;
  /** a bulk action not yet undone */
  undoable: boolean;
}

export interface HistoryResponse {
  actions: HistoryEntry[];
}

/** POST …/bulk/preview: what a bulk action would do, before it runs. */
export interface BulkPreview {
  kind: 'bulk_label' | 'bulk_exclude' | 'bulk_merge';
  /** records (or, merging, clusters) the filter matches */
  matching: number;
  /** how many the action would change */
  willChange: number;
  /** why the others would be left as they are, with how many each */
  skipped: { reason: string; count: number }[];
  /** merging: the records the merges would mark as duplicates */
  records?: number;
}

/** POST …/bulk: the action as recorded in the history. */
export interface BulkResult {
  action: HistoryEntry;
  changed: number;
}

/** What deleting a source would take with it, counted (services/sources.ts explains each). */
export interface SourceImpactCounts {
  records: number;
  votes: number;
  resolutions: number;
  fullTextReports: number;
  studies: number;
  codes: number;
  extractionValues: number;
  labels: number;
  notes: number;
  removals: number;
  dedupDecisions: number;
  /** records of other sources that were merged with one of these */
  mergedWithOtherSources: number;
}

/** What deleting a source would lose (DELETE …/sources/:sourceId answers 409 with this until confirmed). */
export interface SourceDeletionImpact extends SourceImpactCounts {
  sourceId: number;
  name: string;
  /** whether anything beyond the records themselves would be lost */
  hasDecisions: boolean;
}

export interface SourceDeletionResponse {
  deleted: SourceDeletionImpact;
}
