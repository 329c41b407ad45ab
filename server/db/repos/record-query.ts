import type { Db } from '../connection';
import { prepared } from '../statements';
import { recordColumns, recordFromRow, type RecordFieldsOf, type RecordRowOf } from './records';
import {
  ftsQuery,
  type Cursor,
  type RecordFilter,
  type RecordSort,
  type SortKey,
} from '../../domain/records/filter';
import type { RecordFacts } from '../../domain/records/status';
import type { Stage } from '../../domain/screening/types';

/**
 * The one query behind the records page, the API, bulk actions and exports: a RecordFilter
 * (domain/records/filter.ts) as SQL over one project's records. Every condition is written so
 * SQLite can drive it from an index (an FTS5 match, the stored outcomes, an indexed table of
 * labels or votes), and every sort order is one index range (migration 0011), so a page of 50
 * is read in order at 100,000 records. Statuses follow domain/records/status.ts (finalStatus),
 * stored by migration 0011's triggers; a test holds the two together.
 */

/** Named parameters of a query. */
type Params = Record<string, unknown>;

/** A filter as SQL: what to read FROM, the WHERE clause, and the expression of the record id. */
interface FilterSql {
  from: string;
  where: string;
  params: Params;
  id: string;
  /** How many conditions the filter adds to the project's records. */
  conditions: number;
}

/** A filter as the query reads it: "my vote" may also be "any" (counting the 'none' ones by difference). */
type QueryFilter = Omit<RecordFilter, 'myVote'> & {
  myVote?: { stage: Stage; vote: NonNullable<RecordFilter['myVote']>['vote'] | 'any' };
};

/**
 * A filter as SQL. Statuses, stages and reasons come from record_outcomes (migration 0011: each
 * record's final status, kept by triggers). Ids ('ids': a count, a list, a page by id) whose
 * filter needs no column of the (wide) records rows are read from record_outcomes alone, one
 * index range; a page in another order ('page', its sort expression), or a filter on
 * bibliographic fields, reads records, joined to its outcome only when one is asked; a search
 * leads with the full-text index. `userId` is whose votes "my vote" means.
 */
export function filterSql(
  projectId: number,
  filter: QueryFilter,
  userId: number | null,
  shape: 'page' | 'ids',
): FilterSql {
  const params: Params = { projectId };
  // Each condition with ID standing for the record id, and which table it reads.
  const conditions: { sql: string; reads: 'id' | 'records' | 'outcomes' }[] = [];
  const add = (reads: 'id' | 'records' | 'outcomes', sql: string) => conditions.push({ sql, reads });
  const list = (
    name: string,
    values: readonly unknown[] | undefined,
    reads: 'id' | 'records' | 'outcomes',
    sql: string,
  ) => {
    if (!values || values.length === 0) return;
    params[name] = JSON.stringify([...new Set(values)]);
    add(reads, sql);
  };
  // Ids (a count, a page by id) read the full-text index first: it yields its matches in id
  // order, so the first page by id stops after 50 of them, and a count probes the project's
  // rows only for the matches. A page in another order walks its sort index and tests each
  // row against the list of matches: the unary + keeps SQLite from reading every match's row
  // and sorting them all, which measured 100 ms for a word in 70,000 records (bench:records);
  // walking the index costs at most one pass over its entries.
  const fts = ftsQuery(filter.q);
  const searched = fts !== null && fts !== 'nothing' && shape === 'ids';
  if (fts === 'nothing') add('id', '0');
  else if (fts !== null) {
    params.fts = fts;
    add(
      'id',
      searched
        ? 'records_fts MATCH @fts'
        : '+ID IN (SELECT rowid FROM records_fts WHERE records_fts MATCH @fts)',
    );
  }
  list('sourceIds', filter.sourceIds, 'records', 'r.source_id IN (SELECT value FROM json_each(@sourceIds))');
  list(
    'sourceKinds',
    filter.sourceKinds,
    'records',
    `r.source_id IN (SELECT id FROM sources WHERE project_id = @projectId
       AND kind IN (SELECT value FROM json_each(@sourceKinds)))`,
  );
  // The year index's expression; a record without a year (0 there) matches no year filter.
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    params.yearFrom = Math.max(filter.yearFrom ?? 1, 1);
    params.yearTo = filter.yearTo ?? 9999;
    add('records', 'ifnull(r.year, 0) BETWEEN @yearFrom AND @yearTo');
  }
  list('types', filter.types, 'records', 'r.type IN (SELECT value FROM json_each(@types))');
  list(
    'labelIds',
    filter.labelIds,
    'id',
    `ID IN (SELECT record_id FROM record_labels WHERE project_id = @projectId
       AND label_id IN (SELECT value FROM json_each(@labelIds)))`,
  );
  list('statuses', filter.statuses, 'outcomes', 'o.status IN (SELECT value FROM json_each(@statuses))');
  if (filter.stage) {
    params.stage = filter.stage;
    add('outcomes', 'o.stage = @stage');
  }
  if (filter.reason !== undefined) {
    params.reason = filter.reason;
    add('outcomes', 'o.reason = @reason');
  }
  if (filter.conflict) {
    params.conflictStage = filter.conflict;
    add(
      'outcomes',
      `o.status != 'duplicate' AND ID IN (SELECT record_id FROM screening_state
         WHERE project_id = @projectId AND stage = @conflictStage AND status = 'conflict')`,
    );
  }
  if (filter.myVote) {
    params.voteStage = filter.myVote.stage;
    params.userId = userId ?? -1;
    const mine = `SELECT record_id FROM screening_votes WHERE project_id = @projectId AND stage = @voteStage AND user_id = @userId`;
    // 'none' is probed row by row (the votes' primary key), so a page stops after 50 rows
    // instead of first listing every vote; its count is taken by difference (countMatchingRecords).
    if (filter.myVote.vote === 'none')
      add(
        'id',
        `NOT EXISTS (SELECT 1 FROM screening_votes v WHERE v.record_id = ID AND v.stage = @voteStage AND v.user_id = @userId)`,
      );
    else if (filter.myVote.vote === 'any') add('id', `ID IN (${mine})`);
    else {
      params.vote = filter.myVote.vote;
      add('id', `ID IN (${mine} AND decision = @vote)`);
    }
  }
  const readsRecords = shape === 'page' || conditions.some((c) => c.reads === 'records');
  const readsOutcomes = conditions.some((c) => c.reads === 'outcomes');
  // Searched, the index comes first and the id is its rowid, so ordering by id is the order
  // the index yields its matches in.
  const first = readsRecords ? 'records r' : 'record_outcomes o';
  const firstId = readsRecords ? 'r.id' : 'o.record_id';
  const id = searched ? 'records_fts.rowid' : firstId;
  const from = [
    // CROSS JOIN: SQLite keeps this order. Led by another list (a label's records), it would
    // ask the index for each of them by rowid, one full search per row (seconds at 100,000).
    searched ? `records_fts CROSS JOIN ${first} ON ${firstId} = records_fts.rowid` : first,
    ...(readsRecords && readsOutcomes ? ['JOIN record_outcomes o ON o.record_id = r.id'] : []),
  ].join(' ');
  // Both tables, when both are read: either may lead (the outcomes' reason index needs it).
  // Searched, the table joined to the index is probed by its primary key, each match's rowid:
  // the unary + keeps SQLite from seeking the (project, id) index for each instead, which
  // measured four times slower for a word in 70,000 records (bench:records).
  const plus = (table: string) => (searched && table === first ? '+' : '');
  const project = [
    ...(readsRecords ? [`${plus('records r')}r.project_id = @projectId`] : []),
    ...(readsOutcomes || !readsRecords ? [`${plus('record_outcomes o')}o.project_id = @projectId`] : []),
  ].join(' AND ');
  return {
    from,
    // Conditions name the joined table's id: on the index's rowid, SQLite would hand each id of
    // a list (a label's records) to the index as a rowid to look up, one full search per id.
    where: [project, ...conditions.map((c) => c.sql.replace(/\bID\b/g, firstId))].join(' AND '),
    params,
    id,
    conditions: conditions.length,
  };
}

/** Each sort key's expression: exactly the indexed expressions of migration 0011. */
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
  const total = countMatchingRecords(db, projectId, input.filter, input.userId ?? null);
  // By id, the page needs no column of the records rows (their ids are enough); another order reads its expression there.
  const byId = input.sort.key === 'id';
  const q = filterSql(projectId, input.filter, input.userId ?? null, byId ? 'ids' : 'page');
  const sort = SORT_SQL[input.sort.key];
  const dir = input.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const params: Params = { ...q.params, limit: input.limit + 1, offset: 0 };
  let keyset = '';
  if (input.cursor) {
    const [gt, ge] = dir === 'ASC' ? ['>', '>='] : ['<', '<='];
    params.cursorValue = input.cursor.value;
    params.cursorId = input.cursor.id;
    keyset = byId
      ? ` AND ${q.id} ${gt} @cursorId`
      : ` AND ${sort.expr} ${ge} @cursorValue AND (${sort.expr} ${gt} @cursorValue OR r.id ${gt} @cursorId)`;
  } else params.offset = input.offset ?? 0;
  const order = byId ? `${q.id} ${dir}` : `${sort.expr} ${dir}, r.id ${dir}`;
  // The page's ids first, then their rows: a sort that cannot follow an index sorts only ids
  // and sort values, and reads no more than the page's rows of the (wide) records table.
  const positions = prepared(
    db,
    `SELECT ${q.id} AS id, ${byId ? q.id : sort.value} AS sort_value
       FROM ${q.from} WHERE ${q.where}${keyset}
      ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all(params) as { id: number; sort_value: string | number }[];
  const more = positions.length > input.limit;
  const kept = more ? positions.slice(0, input.limit) : positions;
  const rows = new Map(
    (
      prepared(
        db,
        `SELECT ${recordColumns('summary')}, r.duplicate_of
           FROM json_each(@ids) j JOIN records r ON r.id = j.value`,
      ).all({ ids: JSON.stringify(kept.map((p) => p.id)) }) as (RecordRowOf<'summary'> & {
        duplicate_of: number | null;
      })[]
    ).map((row) => [row.id, row]),
  );
  const page = kept.map((p) => rows.get(p.id)!);
  const last = kept[kept.length - 1];
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
  // Records without my vote: those matching the rest, less those with it (two index ranges,
  // where testing every record against the list of my votes reads the whole project).
  if (filter.myVote?.vote === 'none') {
    const { myVote, ...rest } = filter;
    const all = count(db, projectId, rest, userId);
    // Nothing else asked: my votes are one range of their own index (each is on a record of the project).
    if (filterSql(projectId, rest, userId, 'ids').conditions === 0)
      return (
        all -
        (prepared(
          db,
          `SELECT COUNT(*) FROM screening_votes WHERE project_id = ? AND stage = ? AND user_id = ?`,
        )
          .pluck()
          .get(projectId, myVote.stage, userId ?? -1) as number)
      );
    return all - count(db, projectId, { ...rest, myVote: { ...myVote, vote: 'any' } }, userId);
  }
  return count(db, projectId, filter, userId);
}

function count(db: Db, projectId: number, filter: QueryFilter, userId: number | null): number {
  const q = filterSql(projectId, filter, userId, 'ids');
  return prepared(db, `SELECT COUNT(*) FROM ${q.from} WHERE ${q.where}`).pluck().get(q.params) as number;
}

/** The ids of every record matching a filter, in id order (bulk actions, exports). */
export function matchingRecordIds(
  db: Db,
  projectId: number,
  filter: RecordFilter,
  userId: number | null = null,
): number[] {
  const q = filterSql(projectId, filter, userId, 'ids');
  return prepared(db, `SELECT ${q.id} FROM ${q.from} WHERE ${q.where} ORDER BY ${q.id}`)
    .pluck()
    .all(q.params) as number[];
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
