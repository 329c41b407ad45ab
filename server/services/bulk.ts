import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { listClusters, listDecisions } from '../db/repos/dedup';
import { addRecordLabel, getLabel, recordsLabelledBy, removeRecordLabel } from '../db/repos/labels';
import {
  getAction,
  insertAction,
  listActions,
  markActionUndone,
  setActionDetails,
  setTouched,
  type ProjectAction,
} from '../db/repos/project-actions';
import { requireProjectExists } from '../db/repos/projects';
import { appendRecordEvent } from '../db/repos/record-events';
import { recordFacts } from '../db/repos/record-query';
import { deleteRemovalsOf, insertRemoval, unscreenedRecordIds } from '../db/repos/record-removals';
import { labelsOfRecords } from '../db/repos/labels';
import type { Actor } from '../domain/auth/actor';
import { ConflictError, ValidationError } from '../domain/errors';
import type { RecordFilter } from '../domain/records/filter';
import { decideCluster, undoDecision } from './dedup';
import type { ServiceDeps } from './deps';
import { matchingIds, requireFilterVisible } from './records';
import { requireAction } from './screening-settings';
import { visibilityFor } from './visibility';

/**
 * Bulk actions, the owner's: label every record matching a filter, exclude them before
 * screening with a reason, or merge every duplicate cluster awaiting review above a score.
 * Each shows what it would touch first (preview), runs in one transaction, is recorded in the
 * project's history with who, when, the filter and how many, and is undone as one step.
 *
 * A bulk exclusion removes records nobody has screened: PRISMA counts them in "Records removed
 * before screening: other reasons" (docs/notes/prisma.md). Records already screened, duplicates
 * and records removed already are left as they are, and the preview says how many.
 */

export type BulkAction =
  | { kind: 'label'; labelId: number }
  | { kind: 'exclude'; reason: string }
  | { kind: 'merge_clusters'; minScore: number };

export interface BulkInput {
  filter: RecordFilter;
  action: BulkAction;
}

interface Plan {
  kind: Api.BulkPreview['kind'];
  matching: number;
  /** record ids (label, exclude) or cluster ids (merge) the action changes */
  targets: number[];
  skipped: { reason: string; count: number }[];
  records?: number;
}

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

function cleanReason(reason: string): string {
  const text = reason.trim();
  if (text === '' || text.length > 200)
    throw new ValidationError('an exclusion needs a reason of 1 to 200 characters');
  return text;
}

const nonZero = (skipped: { reason: string; count: number }[]) => skipped.filter((s) => s.count > 0);

function plan(db: Db, projectId: number, actor: Actor, input: BulkInput): Plan {
  const { action } = input;
  if (action.kind === 'merge_clusters') {
    if (!(action.minScore >= 0 && action.minScore <= 1))
      throw new ValidationError('minScore is between 0 and 1');
    const review = listClusters(db, projectId, ['review']);
    const above = review.filter((c) => c.score >= action.minScore);
    return {
      kind: 'bulk_merge',
      matching: review.length,
      targets: above.map((c) => c.id),
      skipped: nonZero([{ reason: `score below ${action.minScore}`, count: review.length - above.length }]),
      records: above.reduce((n, c) => n + c.memberIds.length - 1, 0),
    };
  }
  requireFilterVisible(visibilityFor(db, projectId, actor), input.filter);
  const ids = matchingIds(db, projectId, input.filter, actor.userId);
  if (action.kind === 'label') {
    getLabel(db, projectId, action.labelId);
    const labelled = new Set<number>();
    for (let i = 0; i < ids.length; i += 5000)
      for (const [id, labels] of labelsOfRecords(db, projectId, ids.slice(i, i + 5000)))
        if (labels.some((l) => l.id === action.labelId)) labelled.add(id);
    return {
      kind: 'bulk_label',
      matching: ids.length,
      targets: ids.filter((id) => !labelled.has(id)),
      skipped: nonZero([{ reason: 'already carry the label', count: labelled.size }]),
    };
  }
  cleanReason(action.reason);
  const eligible: number[] = [];
  let duplicates = 0;
  let removed = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const batch = ids.slice(i, i + 5000);
    eligible.push(...unscreenedRecordIds(db, projectId, batch));
    for (const facts of recordFacts(db, projectId, batch).values()) {
      if (facts.duplicateOf !== null) duplicates++;
      else if (facts.removal) removed++;
    }
  }
  return {
    kind: 'bulk_exclude',
    matching: ids.length,
    targets: eligible,
    skipped: nonZero([
      { reason: 'duplicates (removed already)', count: duplicates },
      { reason: 'removed before screening already', count: removed },
      {
        reason: 'already screened (their decisions stand; exclude them at their stage)',
        count: ids.length - eligible.length - duplicates - removed,
      },
    ]),
  };
}

/** What a bulk action would do, without doing it. */
export function previewBulk(db: Db, projectId: number, actor: Actor, input: BulkInput): Api.BulkPreview {
  requireProjectExists(db, projectId);
  requireAction(actor, 'bulk');
  const p = plan(db, projectId, actor, input);
  return {
    kind: p.kind,
    matching: p.matching,
    willChange: p.targets.length,
    skipped: p.skipped,
    ...(p.records !== undefined ? { records: p.records } : {}),
  };
}

function describeFilter(filter: RecordFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** Runs a bulk action in one transaction and records it in the project's history. */
export function runBulk(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: BulkInput,
): Api.BulkResult {
  const { db, clock } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'bulk');
  const now = clock();
  const actionId = db.transaction(() => {
    const p = plan(db, projectId, actor, input);
    const { action } = input;
    const details: Record<string, unknown> = { filter: describeFilter(input.filter), skipped: p.skipped };
    if (action.kind === 'label') {
      const label = getLabel(db, projectId, action.labelId);
      const id = insertAction(
        db,
        projectId,
        {
          kind: 'bulk_label',
          userId: actor.userId,
          summary: `Labelled ${records(p.targets.length)} "${label.name}"`,
          details: { ...details, labelId: label.id, label: label.name },
        },
        now,
      );
      for (const recordId of p.targets) {
        addRecordLabel(
          db,
          projectId,
          { recordId, labelId: label.id, userId: actor.userId, actionId: id },
          now,
        );
        appendRecordEvent(
          db,
          projectId,
          { recordId, kind: 'label_added', userId: actor.userId, labelName: label.name, actionId: id },
          now,
        );
      }
      setTouched(db, id, p.targets.length);
      return id;
    }
    if (action.kind === 'exclude') {
      const reason = cleanReason(action.reason);
      const id = insertAction(
        db,
        projectId,
        {
          kind: 'bulk_exclude',
          userId: actor.userId,
          summary: `Removed ${records(p.targets.length)} before screening: ${reason}`,
          details: { ...details, reason },
        },
        now,
      );
      for (const recordId of p.targets) {
        insertRemoval(db, projectId, { recordId, actionId: id, reason }, now);
        appendRecordEvent(
          db,
          projectId,
          { recordId, kind: 'removed', userId: actor.userId, reason, actionId: id },
          now,
        );
      }
      setTouched(db, id, p.targets.length);
      return id;
    }
    const id = insertAction(
      db,
      projectId,
      {
        kind: 'bulk_merge',
        userId: actor.userId,
        summary: `Merged ${p.targets.length} duplicate cluster${p.targets.length === 1 ? '' : 's'} scoring ${action.minScore} or more`,
        details: { minScore: action.minScore, skipped: p.skipped },
      },
      now,
    );
    const decisions: { clusterId: number; decisionId: number }[] = [];
    for (const clusterId of p.targets) {
      decideCluster(db, projectId, clusterId, { decision: 'merge' }, actor.userId, () => now);
      const last = listDecisions(db, clusterId).at(-1)!;
      decisions.push({ clusterId, decisionId: last.id });
    }
    setActionDetails(db, id, {
      minScore: action.minScore,
      skipped: p.skipped,
      decisions,
      records: p.records,
    });
    setTouched(db, id, p.targets.length);
    return id;
  })();
  const entry = getAction(db, projectId, actionId);
  return { action: historyEntry(entry), changed: entry.touched };
}

/**
 * Undoes a bulk action as one step: the labels it put on come off, the records it removed
 * return to screening, the merges it made are undone (newest first). Refused when it was undone
 * already, or when a cluster it merged was decided again since (undo that decision first).
 */
export function undoBulk(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  actionId: number,
): Api.HistoryEntry {
  const { db, clock } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'bulk');
  const now = clock();
  db.transaction(() => {
    const action = getAction(db, projectId, actionId);
    if (action.undoneAt !== null) throw new ConflictError(`action ${actionId} was undone already`);
    if (action.kind === 'bulk_label') {
      const label = String(action.details.label ?? '');
      for (const { recordId, labelId } of recordsLabelledBy(db, actionId)) {
        removeRecordLabel(db, recordId, labelId);
        appendRecordEvent(
          db,
          projectId,
          { recordId, kind: 'label_removed', userId: actor.userId, labelName: label, actionId },
          now,
        );
      }
    } else if (action.kind === 'bulk_exclude') {
      const reason = String(action.details.reason ?? '');
      for (const recordId of deleteRemovalsOf(db, actionId))
        appendRecordEvent(
          db,
          projectId,
          { recordId, kind: 'restored', userId: actor.userId, reason, actionId },
          now,
        );
    } else if (action.kind === 'bulk_merge') {
      const decisions = (action.details.decisions ?? []) as { clusterId: number; decisionId: number }[];
      const changed = decisions.filter(({ clusterId, decisionId }) => {
        const latest = listDecisions(db, clusterId)
          .filter((d) => d.decision !== 'undo' && d.undoneBy === null)
          .at(-1);
        return latest?.id !== decisionId;
      });
      if (changed.length > 0)
        throw new ConflictError(
          `clusters ${changed.map((c) => c.clusterId).join(', ')} were decided again after this merge; undo those decisions first`,
          { clusters: changed.map((c) => c.clusterId) },
        );
      for (const { clusterId } of [...decisions].reverse())
        undoDecision(db, projectId, clusterId, actor.userId, () => now);
    } else {
      throw new ConflictError('a correction of a source is not undone here: edit the source again');
    }
    markActionUndone(db, actionId, actor.userId, now);
  })();
  return historyEntry(getAction(db, projectId, actionId));
}

const BULK_KINDS = new Set(['bulk_label', 'bulk_exclude', 'bulk_merge']);

export function historyEntry(action: ProjectAction): Api.HistoryEntry {
  return {
    id: action.id,
    kind: action.kind,
    user: action.userId === null ? null : { id: action.userId, username: action.username },
    summary: action.summary,
    details: action.details,
    touched: action.touched,
    createdAt: action.createdAt,
    undoneAt: action.undoneAt,
    undoneBy: action.undoneBy === null ? null : { id: action.undoneBy, username: action.undoneByUsername },
    undoable: BULK_KINDS.has(action.kind) && action.undoneAt === null,
  };
}

/** The project's history, newest first (owners: it names filters that may ask about outcomes). */
export function projectHistory(db: Db, projectId: number, actor: Actor): Api.HistoryResponse {
  requireProjectExists(db, projectId);
  requireAction(actor, 'bulk');
  return { actions: listActions(db, projectId).map(historyEntry) };
}
