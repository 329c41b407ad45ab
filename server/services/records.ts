import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { requireProjectExists } from '../db/repos/projects';
import { labelsOfRecords, type Label } from '../db/repos/labels';
import {
  countMatchingRecords,
  listMatchingRecords,
  matchingRecordIds,
  recordFacts,
} from '../db/repos/record-query';
import { notesOfRecords, type RecordNote } from '../db/repos/record-notes';
import { removalOf } from '../db/repos/record-removals';
import { mergedCopiesOf } from '../db/repos/record-timeline';
import { getRecord } from '../db/repos/records';
import { listSources } from '../db/repos/sources';
import type { Actor } from '../domain/auth/actor';
import { ValidationError } from '../domain/errors';
import {
  decodeCursor,
  encodeCursor,
  DEFAULT_SORT,
  type Cursor,
  type RecordFilter,
  type RecordSort,
} from '../domain/records/filter';
import { finalStatus } from '../domain/records/status';
import { OUTCOMES_VIEW, TEAM_NOTES_VIEW, viewsNeeded } from '../domain/records/views';
import { visibilityFor, type Visibility } from './visibility';

/**
 * The records workspace's reads: the list (one query module, server/db/repos/record-query.ts,
 * shared with bulk actions and exports) and the record page. What depends on others'
 * judgements (statuses, outcome filters, others' notes) goes through the visibility policy.
 */

export interface RecordListQuery {
  filter: RecordFilter;
  sort?: RecordSort;
  limit: number;
  offset?: number;
  /** an opaque `nextCursor` of an earlier page */
  cursor?: string;
}

/**
 * Refuses (403 blind) a filter whose answer would tell the caller what others decided while
 * a stage is blind to them: every view the filter needs must be open.
 */
export function requireFilterVisible(vis: Visibility, filter: RecordFilter): void {
  for (const view of viewsNeeded(filter)) vis.require(view);
}

const summaryOfLabel = (l: Label): Api.LabelSummary => ({ id: l.id, name: l.name, colour: l.colour });

/** One page of the project's records matching a filter, sorted, with what the caller may see of each. */
export function recordList(
  db: Db,
  projectId: number,
  actor: Actor,
  query: RecordListQuery,
): Api.RecordListResponse {
  requireProjectExists(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  requireFilterVisible(vis, query.filter);
  return listPage(db, projectId, query, actor.userId, vis.may(OUTCOMES_VIEW));
}

/**
 * The same page for the command line (`sift records`): whoever holds the database file reads
 * it all, as `sift export` does, so nothing is blinded and "my vote" means no one's.
 */
export function recordListForCommandLine(
  db: Db,
  projectId: number,
  query: RecordListQuery,
): Api.RecordListResponse {
  requireProjectExists(db, projectId);
  return listPage(db, projectId, query, null, true);
}

function listPage(
  db: Db,
  projectId: number,
  query: RecordListQuery,
  userId: number | null,
  outcomesVisible: boolean,
): Api.RecordListResponse {
  const sort = query.sort ?? DEFAULT_SORT;
  let cursor: Cursor | null = null;
  if (query.cursor !== undefined) {
    cursor = decodeCursor(query.cursor);
    if (!cursor)
      throw new ValidationError('cursor: not a cursor this server gave out (start again without it)');
  }
  const page = listMatchingRecords(db, projectId, {
    filter: query.filter,
    sort,
    limit: query.limit,
    offset: query.offset ?? 0,
    cursor,
    userId,
  });
  const ids = page.items.map((r) => r.id);
  const sources = new Map(listSources(db, projectId).map((s) => [s.id, s]));
  const labels = labelsOfRecords(db, projectId, ids);
  const facts = recordFacts(db, projectId, ids);
  return {
    total: page.total,
    offset: cursor ? 0 : (query.offset ?? 0),
    limit: query.limit,
    items: page.items.map((item) => {
      const source = sources.get(item.sourceId);
      const fact = facts.get(item.id);
      const removal = fact?.removal ? removalOf(db, item.id) : undefined;
      return {
        ...item,
        sourceName: source?.name ?? '',
        sourceKind: source?.kind ?? 'database',
        labels: (labels.get(item.id) ?? []).map(summaryOfLabel),
        removedBeforeScreening: removal
          ? { reason: removal.reason, at: removal.removedAt, actionId: removal.actionId }
          : null,
        outcome: outcomesVisible && fact ? finalStatus(fact) : null,
      };
    }),
    nextCursor: page.next ? encodeCursor(page.next) : null,
    sort: sort.key,
    dir: sort.dir,
    outcomesVisible,
  };
}

/** How many records match a filter, as the caller may ask it. */
export function countRecordsFor(db: Db, projectId: number, actor: Actor, filter: RecordFilter): number {
  requireProjectExists(db, projectId);
  requireFilterVisible(visibilityFor(db, projectId, actor), filter);
  return countMatchingRecords(db, projectId, filter, actor.userId);
}

/** The ids of the records matching a filter, unblinded (bulk actions and exports, which are the owner's). */
export function matchingIds(
  db: Db,
  projectId: number,
  filter: RecordFilter,
  userId: number | null = null,
): number[] {
  return matchingRecordIds(db, projectId, filter, userId);
}

/** The notes on records the caller may read: their own, and the others' once blinding allows. */
export function visibleNotes(vis: Visibility, notes: readonly RecordNote[]): RecordNote[] {
  const others = vis.may(TEAM_NOTES_VIEW);
  return notes.filter((n) => others || n.userId === vis.actor.userId);
}

/**
 * A record in full for the record page: every field, the raw imported fields, its source and
 * the copies merged into it, labels, its removal before screening, its outcome and notes as
 * far as the caller may see them.
 */
export function recordDetail(
  db: Db,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.RecordPageDetail {
  requireProjectExists(db, projectId);
  const { projectId: _projectId, ...record } = getRecord(db, projectId, recordId);
  const vis = visibilityFor(db, projectId, actor);
  const fact = recordFacts(db, projectId, [recordId]).get(recordId);
  const removal = removalOf(db, recordId);
  return {
    ...record,
    labels: (labelsOfRecords(db, projectId, [recordId]).get(recordId) ?? []).map(summaryOfLabel),
    copies: mergedCopiesOf(db, projectId, recordId),
    removedBeforeScreening: removal
      ? { reason: removal.reason, at: removal.removedAt, actionId: removal.actionId }
      : null,
    outcome: vis.may(OUTCOMES_VIEW) && fact ? finalStatus(fact) : null,
    notes: visibleNotes(vis, notesOfRecords(db, projectId, [recordId]).get(recordId) ?? []),
  };
}
