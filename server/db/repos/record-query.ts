import type { Db } from '../connection';
import { prepared } from '../statements';
import { recordColumns, recordFromRow, type RecordFieldsOf, type RecordRowOf } from './records';
import {
  ftsQuery,
  type Cursor,
  type RecordFilter,
  type RecordSort,
  type RecordStatus,
  type SortKey,
} from '../../domain/records/filter';
import type { RecordFacts } from '../../domain/records/status';

/**
 * The one query behind the records page, the API, bulk actions and exports: a RecordFilter
 * (domain/records/filter.ts) as SQL over one project's records. Every condition is written so
 * SQLite can drive it from an index (an FTS5 match, an IN over an indexed outcome table), and
 * every sort order is one index range (migration 0009), so a page of 50 is read in order at
 * 100,000 records. Statuses follow domain/records/status.ts (finalStatus); a test holds the
 * two together.
 */

/** Named parameters of a WHERE clause. */
type Params = Record<string, unknown>;

interface Where {
  sql: string;
  params: Params;
}

// Sets of record ids, each read from one indexed table of the project.
const REMOVED = `r.id IN (SELECT record_id FROM record_removals WHERE project_id = @projectId)`;
const outcomeAt = (stage: string, outcome: string) =>
  `r.id IN (SELECT record_id FROM screening_state WHERE project_id = @projectId AND stage = '${stage}' AND outcome = '${outcome}')`;
const TA_INCLUDED = outcomeAt('title_abstract', 'include');
const TA_EXCLUDED = outcomeAt('title_abstract', 'exclude');
const FT_INCLUDED = outcomeAt('full_text', 'include');
const FT_EXCLUDED = outcomeAt('full_text', 'exclude');
const NOT_RETRIEVED = `r.id IN (SELECT record_id FROM fulltext_reports WHERE project_id = @projectId AND status = 'not_retrievable')`;
const KEPT = 'r.duplicate_of IS NULL';

/** Each final status as a condition: the order of finalStatus (duplicate, removed, title/abstract, retrieval, full text). */
const STATUS_SQL: Record<RecordStatus, string> = {
  duplicate: 'r.duplicate_of IS NOT NULL',
  excluded: `(${KEPT} AND (${REMOVED} OR ${TA_EXCLUDED} OR (${TA_INCLUDED} AND NOT ${NOT_RETRIEVED} AND ${FT_EXCLUDED})))`,
  not_retrieved: `(${KEPT} AND NOT ${REMOVED} AND ${TA_INCLUDED} AND ${NOT_RETRIEVED})`,
  included: `(${KEPT} AND NOT ${REMOVED} AND ${TA_INCLUDED} AND NOT ${NOT_RETRIEVED} AND ${FT_INCLUDED})`,
  pending: `(${KEPT} AND NOT ${REMOVED} AND NOT ${TA_EXCLUDED} AND (NOT ${TA_INCLUDED} OR (NOT ${NOT_RETRIEVED} AND NOT ${FT_INCLUDED} AND NOT ${FT_EXCLUDED})))`,
};

const STAGE_SQL = {
  title_abstract: `(${KEPT} AND NOT ${REMOVED} AND NOT ${TA_INCLUDED})`,
  full_text: `(${KEPT} AND NOT ${REMOVED} AND ${TA_INCLUDED})`,
};

const REASON_SQL = `(${KEPT} AND (
    r.id IN (SELECT record_id FROM record_removals WHERE project_id = @projectId AND reason = @reason)
    OR r.id IN (SELECT record_id FROM screening_state WHERE project_id = @projectId AND stage = 'title_abstract'
                AND outcome = 'exclude' AND exclusion_reason = @reason)
    OR (${TA_INCLUDED} AND NOT ${NOT_RETRIEVED} AND r.id IN (SELECT record_id FROM screening_state
        WHERE project_id = @projectId AND stage = 'full_text' AND outcome = 'exclude' AND exclusion_reason = @reason))))`;

/** The WHERE clause of a filter (alias r); `userId` is whose votes "my vote" means. */
export function filterWhere(projectId: number, filter: RecordFilter, userId: number | null): Where {
  const parts = ['r.project_id = @projectId'];
  const params: Params = { projectId };
  const list = (name: string, values: readonly unknown[] | undefined, sql: string) => {
    if (!values || values.length === 0) return;
    params[name] = JSON.stringify(values);
    parts.push(sql);
  };
  const fts = ftsQuery(filter.q);
  if (fts === 'nothing') parts.push('0');
  else if (fts !== null) {
    params.fts = fts;
    parts.push('r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH @fts)');
  }
  list('sourceIds', filter.sourceIds, 'r.source_id IN (SELECT value FROM json_each(@sourceIds))');
  list(
    'sourceKinds',
    filter.sourceKinds,
    `r.source_id IN (SELECT id FROM sources WHERE project_id = @projectId
       AND kind IN (SELECT value FROM json_each(@sourceKinds)))`,
  );
  if (filter.yearFrom !== undefined) {
    params.yearFrom = filter.yearFrom;
    parts.push('r.year >= @yearFrom');
  }
  if (filter.yearTo !== undefined) {
    params.yearTo = filter.yearTo;
    parts.push('r.year <= @yearTo');
  }
  list('types', filter.types, 'r.type IN (SELECT value FROM json_each(@types))');
  list(
    'labelIds',
    filter.labelIds,
    `r.id IN (SELECT record_id FROM record_labels WHERE project_id = @projectId
       AND label_id IN (SELECT value FROM json_each(@labelIds)))`,
  );
  if (filter.statuses && filter.statuses.length > 0)
    parts.push(`(${[...new Set(filter.statuses)].map((s) => STATUS_SQL[s]).join(' OR ')})`);
  if (filter.stage) parts.push(STAGE_SQL[filter.stage]);
  if (filter.reason !== undefined) {
    params.reason = filter.reason;
    parts.push(REASON_SQL);
  }
  if (filter.conflict) {
    params.conflictStage = filter.conflict;
    parts.push(`(${KEPT} AND r.id IN (SELECT record_id FROM screening_state WHERE project_id = @projectId
       AND stage = @conflictStage AND status = 'conflict'))`);
  }
  if (filter.myVote) {
    params.voteStage = filter.myVote.stage;
    params.userId = userId ?? -1;
    const mine = `SELECT record_id FROM screening_votes WHERE project_id = @projectId AND stage = @voteStage AND user_id = @userId`;
    if (filter.myVote.vote === 'none') parts.push(`r.id NOT IN (${mine})`);
    else {
      params.vote = filter.myVote.vote;
      parts.push(`r.id IN (${mine} AND decision = @vote)`);
    }
  }
  return { sql: parts.join(' AND '), params };
}

/** Each sort key's expression: exactly the indexed expressions of migration 0009. */
const SORT_SQL: Record<SortKey, { expr: string; value: string }> = {
  id: { expr: 'r.id', value: 'r.id' },
  year: { expr: 'ifnull(r.year, 0)', value: 'ifnull(r.year, 0)' },
  title: { expr: "ifnull(r.title, '') COLLATE NOCASE", value: "ifnull(r.title, '')" },
  // The authors list as stored (["Family, Given", …]): its text sorts by the first author.
  author: { expr: 'substr(r.authors_json, 1, 100) COLLATE NOCASE', value: 'substr(r.authors_json, 1, 100)' },
  source: { expr: 'r.source_id', value: 'r.source_id' },
};

export type RecordListItem = RecordFieldsOf<'summary'> & { duplicateOf: number | null };

export interface RecordListPage {
  total: number;
  items: RecordListItem[];
  /** Where the next page starts; null on the last page. */
  next: Cursor | null;
}

export interface RecordListInput {
  filter: RecordFilter;
  sort: RecordSort;
  limit: number;
  /** Rows to skip (offset paging); ignored with a cursor. */
  offset?: number;
  /** Start after this position (keyset paging: fast however deep). */
  cursor?: Cursor | null;
  /** The caller, for the "my vote" filter. */
  userId?: number | null;
}

/** One page of a project's records matching a filter, in the sort order asked for, and how many match. */
export function listMatchingRecords(db: Db, projectId: number, input: RecordListInput): RecordListPage {
  const where = filterWhere(projectId, input.filter, input.userId ?? null);
  const total = prepared(db, `SELECT COUNT(*) FROM records r WHERE ${where.sql}`)
    .pluck()
    .get(where.params) as number;
  const sort = SORT_SQL[input.sort.key];
  const dir = input.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const params: Params = { ...where.params, limit: input.limit + 1, offset: 0 };
  let keyset = '';
  if (input.cursor) {
    const [gt, ge] = dir === 'ASC' ? ['>', '>='] : ['<', '<='];
    params.cursorValue = input.cursor.value;
    params.cursorId = input.cursor.id;
    keyset =
      input.sort.key === 'id'
        ? ` AND r.id ${gt} @cursorId`
        : ` AND ${sort.expr} ${ge} @cursorValue AND (${sort.expr} ${gt} @cursorValue OR r.id ${gt} @cursorId)`;
  } else params.offset = input.offset ?? 0;
  const order = input.sort.key === 'id' ? `r.id ${dir}` : `${sort.expr} ${dir}, r.id ${dir}`;
  const rows = prepared(
    db,
    `SELECT ${recordColumns('summary')}, r.duplicate_of, ${sort.value} AS sort_value
       FROM records r WHERE ${where.sql}${keyset}
      ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all(params) as (RecordRowOf<'summary'> & { duplicate_of: number | null; sort_value: string | number })[];
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return {
    total,
    items: page.map((row) => ({ ...recordFromRow(row), duplicateOf: row.duplicate_of })),
    next: more && last ? { value: last.sort_value, id: last.id } : null,
  };
}

/** How many records of the project match a filter. */
export function countMatchingRecords(
  db: Db,
  projectId: number,
  filter: RecordFilter,
  userId: number | null = null,
): number {
  const where = filterWhere(projectId, filter, userId);
  return prepared(db, `SELECT COUNT(*) FROM records r WHERE ${where.sql}`)
    .pluck()
    .get(where.params) as number;
}

/** The ids of every record matching a filter, in id order (bulk actions, exports). */
export function matchingRecordIds(
  db: Db,
  projectId: number,
  filter: RecordFilter,
  userId: number | null = null,
): number[] {
  const where = filterWhere(projectId, filter, userId);
  return prepared(db, `SELECT r.id FROM records r WHERE ${where.sql} ORDER BY r.id`)
    .pluck()
    .all(where.params) as number[];
}

type Outcome = 'include' | 'exclude' | null;

/** What the review did with each of the given records (the facts finalStatus reads), by id. */
export function recordFacts(db: Db, projectId: number, ids: readonly number[]): Map<number, RecordFacts> {
  const facts = new Map<number, RecordFacts>();
  if (ids.length === 0) return facts;
  const rows = prepared(
    db,
    `SELECT r.id, r.duplicate_of, x.reason AS removal_reason,
            ta.record_id IS NOT NULL AS ta_voted, ta.outcome AS ta_outcome, ta.exclusion_reason AS ta_reason,
            fr.status AS retrieval,
            ft.record_id IS NOT NULL AS ft_voted, ft.outcome AS ft_outcome, ft.exclusion_reason AS ft_reason
       FROM json_each(@ids) j
       JOIN records r ON r.id = j.value AND r.project_id = @projectId
       LEFT JOIN record_removals x ON x.record_id = r.id
       LEFT JOIN screening_state ta ON ta.record_id = r.id AND ta.stage = 'title_abstract'
       LEFT JOIN fulltext_reports fr ON fr.record_id = r.id
       LEFT JOIN screening_state ft ON ft.record_id = r.id AND ft.stage = 'full_text'`,
  ).all({ ids: JSON.stringify(ids), projectId }) as {
    id: number;
    duplicate_of: number | null;
    removal_reason: string | null;
    ta_voted: 0 | 1;
    ta_outcome: Outcome;
    ta_reason: string | null;
    retrieval: 'retrieved' | 'not_retrievable' | null;
    ft_voted: 0 | 1;
    ft_outcome: Outcome;
    ft_reason: string | null;
  }[];
  for (const row of rows) {
    facts.set(row.id, {
      duplicateOf: row.duplicate_of,
      removal: row.removal_reason === null ? null : { reason: row.removal_reason },
      // A state row exists once someone voted; its outcome is null while awaiting or in conflict.
      titleAbstract: row.ta_voted ? { outcome: row.ta_outcome, reason: row.ta_reason } : null,
      retrieval: row.retrieval,
      fullText: row.ft_voted ? { outcome: row.ft_outcome, reason: row.ft_reason } : null,
    });
  }
  return facts;
}

/** The first records query (GET …/records?offset&limit&q&sourceId), kept as it was answered. */
export interface RecordQuery {
  offset?: number;
  limit?: number;
  /** Words to find in title, abstract, authors, keywords, DOI or journal (all must match). */
  q?: string;
  sourceId?: number;
}

export interface RecordPage {
  total: number;
  offset: number;
  limit: number;
  items: RecordFieldsOf<'summary'>[];
}

/** One page of a project's records in import order, optionally filtered by words or by source. */
export function listRecords(db: Db, projectId: number, query: RecordQuery = {}): RecordPage {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  const page = listMatchingRecords(db, projectId, {
    filter: { q: query.q, sourceIds: query.sourceId === undefined ? undefined : [query.sourceId] },
    sort: { key: 'id', dir: 'asc' },
    limit,
    offset,
  });
  return {
    total: page.total,
    offset,
    limit,
    items: page.items.map(({ duplicateOf: _duplicateOf, ...summary }) => summary),
  };
}
