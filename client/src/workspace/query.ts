import type { FinalRecordStatus, RecordType, SortKey, SourceKind, Stage } from '../../../server/api/types';

/**
 * The records page's state as plain data: the filter, the sort and the page, read from the
 * page's own URL (#/projects/1/records?status=included&yearTo=2018) and written to the API's
 * query string, to a bulk action's JSON filter and to the export links. No DOM here.
 */

export const STATUSES: readonly FinalRecordStatus[] = [
  'pending',
  'included',
  'excluded',
  'duplicate',
  'not_retrieved',
];
export const STATUS_LABEL: Record<FinalRecordStatus, string> = {
  pending: 'Pending',
  included: 'Included',
  excluded: 'Excluded',
  duplicate: 'Duplicate',
  not_retrieved: 'Not retrieved',
};
export const SORT_LABEL: Record<SortKey, string> = {
  id: 'Import order',
  year: 'Year',
  title: 'Title',
  author: 'First author',
  source: 'Source',
};
export const KIND_LABEL: Record<SourceKind, string> = {
  database: 'Database',
  register: 'Register',
  other: 'Other method',
};
export const TYPES = [
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
// The client may hold values, not import them: a compile error here means RecordType gained a
// value this list (the type filter's options) lacks.
const _everyType: Exclude<RecordType, (typeof TYPES)[number]> extends never ? true : never = true;
void _everyType;
export type OwnVote = 'include' | 'exclude' | 'maybe' | 'none';

export interface RecordsState {
  q: string;
  sourceId: number | null;
  sourceKind: SourceKind | null;
  yearFrom: number | null;
  yearTo: number | null;
  type: string | null;
  stage: Stage | null;
  status: FinalRecordStatus | null;
  reason: string;
  labelId: number | null;
  myVote: { stage: Stage; vote: OwnVote } | null;
  conflict: Stage | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** keyset position of this page (null: the first page) */
  cursor: string | null;
}

export const EMPTY_STATE: RecordsState = {
  q: '',
  sourceId: null,
  sourceKind: null,
  yearFrom: null,
  yearTo: null,
  type: null,
  stage: null,
  status: null,
  reason: '',
  labelId: null,
  myVote: null,
  conflict: null,
  sort: 'id',
  dir: 'asc',
  cursor: null,
};

const isStage = (v: string | null): v is Stage => v === 'title_abstract' || v === 'full_text';
const positive = (v: string | null): number | null => {
  const n = Number(v);
  return v !== null && v !== '' && Number.isSafeInteger(n) && n > 0 ? n : null;
};
const year = (v: string | null): number | null => {
  const n = Number(v);
  return v !== null && /^\d{1,4}$/.test(v) ? n : null;
};
function oneOf<T extends string>(v: string | null, allowed: readonly T[]): T | null {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** The state a page URL's query describes (anything unknown or malformed is left out). */
export function stateFromQuery(query: string): RecordsState {
  const p = new URLSearchParams(query);
  const [voteStage, vote] = (p.get('myVote') ?? '').split(':');
  return {
    q: p.get('q') ?? '',
    sourceId: positive(p.get('sourceId')),
    sourceKind: oneOf(p.get('sourceKind'), ['database', 'register', 'other'] as const),
    yearFrom: year(p.get('yearFrom')),
    yearTo: year(p.get('yearTo')),
    type: oneOf(p.get('type'), TYPES),
    stage: oneOf(p.get('stage'), ['title_abstract', 'full_text'] as const),
    status: oneOf(p.get('status'), STATUSES),
    reason: p.get('reason') ?? '',
    labelId: positive(p.get('labelId')),
    myVote:
      isStage(voteStage ?? null) && oneOf(vote ?? null, ['include', 'exclude', 'maybe', 'none'] as const)
        ? { stage: voteStage as Stage, vote: vote as OwnVote }
        : null,
    conflict: oneOf(p.get('conflict'), ['title_abstract', 'full_text'] as const),
    sort: oneOf(p.get('sort'), ['id', 'year', 'title', 'author', 'source'] as const) ?? 'id',
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
    cursor: p.get('cursor'),
  };
}

/** The filter's query parameters (the API's names), without sort and paging. */
export function filterParams(state: RecordsState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.sourceId !== null) p.set('sourceId', String(state.sourceId));
  if (state.sourceKind) p.set('sourceKind', state.sourceKind);
  if (state.yearFrom !== null) p.set('yearFrom', String(state.yearFrom));
  if (state.yearTo !== null) p.set('yearTo', String(state.yearTo));
  if (state.type) p.set('type', state.type);
  if (state.stage) p.set('stage', state.stage);
  if (state.status) p.set('status', state.status);
  if (state.reason.trim()) p.set('reason', state.reason.trim());
  if (state.labelId !== null) p.set('labelId', String(state.labelId));
  if (state.myVote) p.set('myVote', `${state.myVote.stage}:${state.myVote.vote}`);
  if (state.conflict) p.set('conflict', state.conflict);
  return p;
}

/** The page URL's query (and the API's): the filter, then sort and cursor when not the defaults. */
export function queryOf(state: RecordsState): string {
  const p = filterParams(state);
  if (state.sort !== 'id') p.set('sort', state.sort);
  if (state.dir !== 'asc') p.set('dir', state.dir);
  if (state.cursor) p.set('cursor', state.cursor);
  return p.toString();
}

/** The API's records query for a page of `limit`. */
export function apiQuery(state: RecordsState, limit: number): string {
  const p = new URLSearchParams(queryOf(state));
  p.set('limit', String(limit));
  return p.toString();
}

/** The filter as a bulk action's JSON (the domain's field names). */
export function bulkFilter(state: RecordsState): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (state.q.trim()) f.q = state.q.trim();
  if (state.sourceId !== null) f.sourceIds = [state.sourceId];
  if (state.sourceKind) f.sourceKinds = [state.sourceKind];
  if (state.yearFrom !== null) f.yearFrom = state.yearFrom;
  if (state.yearTo !== null) f.yearTo = state.yearTo;
  if (state.type) f.types = [state.type];
  if (state.stage) f.stage = state.stage;
  if (state.status) f.statuses = [state.status];
  if (state.reason.trim()) f.reason = state.reason.trim();
  if (state.labelId !== null) f.labelIds = [state.labelId];
  if (state.myVote) f.myVote = state.myVote;
  if (state.conflict) f.conflict = state.conflict;
  return f;
}

/** Whether the filter narrows the records at all (a bulk action over everything asks twice). */
export function isFiltered(state: RecordsState): boolean {
  return filterParams(state).toString() !== '';
}

/** #/projects/1/export… links carry the filter only (every sort and page exports the same records). */
export function exportHref(
  projectId: number,
  extension: 'csv' | 'xlsx' | 'ris' | 'bib',
  state: RecordsState,
): string {
  const q = filterParams(state).toString();
  return `/api/projects/${projectId}/export.${extension}${q ? `?${q}` : ''}`;
}
