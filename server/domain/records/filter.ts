import type { RecordType } from '../import/normalise';
import type { Stage, Vote } from '../screening/types';
import type { SourceKind } from '../source-kinds';

/**
 * The one description of "which records" that the records page, the HTTP API, bulk actions
 * and every export share: full-text words, bibliographic filters, and filters on where the
 * review has taken each record. server/db/repos/record-query.ts turns it into SQL.
 */

/**
 * Where a record ended up, as the exports write it (a contract: exactly these words).
 * - duplicate: merged into another record by deduplication
 * - excluded: removed before screening by a bulk exclusion, or excluded at a stage
 * - not_retrieved: included at title/abstract, its report could not be obtained
 * - included: included at full text
 * - pending: still waiting for a decision somewhere
 */
export const RECORD_STATUSES = ['pending', 'included', 'excluded', 'duplicate', 'not_retrieved'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Sift's reference types (normalise.ts), as a list the filters can offer and check. */
export const RECORD_TYPES = [
  'journal-article',
  'book',
  'book-chapter',
  'conference-paper',
  'thesis',
  'report',
  'preprint',
  'dataset',
  'webpage',
  'other',
] as const satisfies readonly RecordType[];
// A compile error here means RecordType has a value RECORD_TYPES lacks.
const _everyType: Exclude<RecordType, (typeof RECORD_TYPES)[number]> extends never ? true : never = true;
void _everyType;

/** The caller's own vote at a stage, or "none" for records they have not voted on. */
export type OwnVote = Vote | 'none';

export interface RecordFilter {
  /** Words to find (all of them) in title, abstract, authors, keywords, DOI or journal; a word matches as a prefix. */
  q?: string;
  sourceIds?: readonly number[];
  sourceKinds?: readonly SourceKind[];
  yearFrom?: number;
  yearTo?: number;
  types?: readonly string[];
  /** The stage where the record is now or ended (a duplicate or a record removed before screening is in none). */
  stage?: Stage;
  statuses?: readonly RecordStatus[];
  /** The reason a record was excluded (at a stage, or removed before screening), exactly. */
  reason?: string;
  /** Records carrying any of these labels. */
  labelIds?: readonly number[];
  /** The caller's own vote (or none yet) at a stage. */
  myVote?: { stage: Stage; vote: OwnVote };
  /** Records whose votes disagree at this stage (awaiting the owner's resolution). */
  conflict?: Stage;
}

export const SORT_KEYS = ['id', 'year', 'title', 'author', 'source'] as const;
/** id: import order; author: the first author's name; source: the search it came from. */
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface RecordSort {
  key: SortKey;
  dir: SortDirection;
}

export const DEFAULT_SORT: RecordSort = { key: 'id', dir: 'asc' };

/** Whether the filter asks for nothing: every record of the project. */
export function isEmptyFilter(filter: RecordFilter): boolean {
  return Object.values(filter).every(
    (value) => value === undefined || (Array.isArray(value) && value.length === 0) || value === '',
  );
}

/**
 * The user's words as an FTS5 query: each word a quoted string (so punctuation and FTS5's
 * operators are plain text) matched as a prefix, all of them required. A DOI or "50_50"
 * becomes a phrase of its parts. Returns null when no word is given (no text filter) and
 * 'nothing' when words were given but none has a letter or digit to search for.
 */
export function ftsQuery(q: string | undefined): string | null | 'nothing' {
  const words = (q ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const searchable = words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (searchable.length === 0) return 'nothing';
  return searchable.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** A position in a sorted list, after which the next page starts (keyset paging). */
export interface Cursor {
  value: string | number;
  id: number;
}

/** An opaque cursor for the URL: base64url of [value, id]. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      Number.isSafeInteger(value[1])
    )
      return { value: value[0], id: value[1] as number };
  } catch {
    // not ours
  }
  return null;
}
