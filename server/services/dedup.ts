import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  dedupCounts,
  finishRun,
  getCluster,
  getDuplicateOf,
  getRecordsWithSource,
  insertCluster,
  insertDecision,
  insertRun,
  lastSeenRecordId,
  listClusters,
  listDecisions,
  listDedupRecords,
  markUndone,
  missingRecordIds,
  screenedRecordIds,
  setClusterMembers,
  setDuplicateOf,
  updateCluster,
  type Cluster,
  type ClusterStatus,
  type Snapshot,
} from '../db/repos/dedup';
import { requireProjectExists } from '../db/repos/projects';
import type { Clock } from '../domain/clock';
import { planDeduplication, type EvidencePair } from '../domain/dedup/engine';
import { choosePrimary, mergedView as mergedViewOf } from '../domain/dedup/merge';
import type { DedupRecord } from '../domain/dedup/types';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';

export interface DedupServiceOptions {
  /**
   * Whether a record already carries screening decisions. Such a record is preferred as a
   * cluster's primary, so its decisions stay on the record that represents the work.
   * Defaults to "has any screening event".
   */
  isScreened?: (recordId: number) => boolean;
}

function screenedTest(
  db: Db,
  projectId: number,
  options: DedupServiceOptions,
): (recordId: number) => boolean {
  if (options.isScreened) return options.isScreened;
  const screened = screenedRecordIds(db, projectId);
  return (id) => screened.has(id);
}

/** What a run did, as POST …/dedup/run and `sift dedup` report it. */
export type RunSummary = Api.DedupRunSummary;

const requireProject = requireProjectExists;

function allPairs(ids: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i]!, ids[j]!]);
  return out;
}

function bestRule(evidence: EvidencePair[]): { rule: string; score: number } {
  const best = [...evidence].sort((a, b) => b.score - a.score)[0];
  return { rule: best?.rule ?? 'manual', score: best?.score ?? 0 };
}

function snapshotOf(db: Db, projectId: number, clusters: Cluster[], recordIds: number[]): Snapshot {
  return {
    clusters: clusters.map((c) => ({
      id: c.id,
      status: c.status,
      primaryRecordId: c.primaryRecordId,
      memberIds: c.memberIds,
    })),
    duplicateOf: getDuplicateOf(db, projectId, recordIds),
  };
}

/**
 * Runs automatic deduplication on a project, in one transaction. Incremental: records added
 * since the last run are compared with every record (earlier ones included, screened or not);
 * earlier records are not compared again, clusters already decided stay as they are, and two
 * earlier records left apart are never merged automatically (such a link goes to review).
 */
export function runDedup(
  db: Db,
  projectId: number,
  clock: Clock,
  options: DedupServiceOptions = {},
): RunSummary {
  requireProject(db, projectId);
  const started = clock().getTime();
  return db.transaction((): RunSummary => {
    const records = listDedupRecords(db, projectId);
    const isScreened = screenedTest(db, projectId, options);
    const seen = lastSeenRecordId(db, projectId);
    const newIds = new Set(records.filter((r) => r.id > seen).map((r) => r.id));
    const maxRecordId = records.reduce((max, r) => Math.max(max, r.id), seen);
    const now = clock().toISOString();
    const runId = insertRun(db, {
      projectId,
      maxRecordId,
      newRecords: newIds.size,
      comparisons: 0,
      mergedRecords: 0,
      reviewClusters: 0,
      durationMs: 0,
      ranAt: now,
    });
    let comparisons = 0;
    let mergedNow = 0;
    let reviewNow = 0;
    let keptApartNow = 0;
    if (newIds.size > 0) {
      const clusters = listClusters(db, projectId);
      const plan = planDeduplication(records, {
        newIds: seen > 0 ? newIds : undefined,
        mergedGroups: clusters.filter((c) => c.status === 'merged').map((c) => c.memberIds),
        notDuplicatePairs: clusters
          .filter((c) => c.status === 'not-duplicate' || c.status === 'related')
          .flatMap((c) => allPairs(c.memberIds)),
      });
      comparisons = plan.comparisons;
      /**
       * A cluster nobody has decided on yet: a person reviews it, it is only related, or a veto kept
       * its look-alike records apart (not-duplicate without a decision: a reviewer may still merge it).
       */
      const insertUndecided = (
        status: 'review' | 'related' | 'not-duplicate',
        group: { recordIds: number[]; evidence: EvidencePair[] },
      ) =>
        insertCluster(db, {
          projectId,
          status,
          primaryRecordId: null,
          ...bestRule(group.evidence),
          evidence: group.evidence,
          memberIds: group.recordIds,
          runId,
          now,
        });
      const byId = new Map(records.map((r) => [r.id, r]));
      const mergedClusterOf = new Map<number, Cluster>();
      for (const c of clusters)
        if (c.status === 'merged') for (const id of c.memberIds) mergedClusterOf.set(id, c);

      for (const group of plan.merged) {
        if (group.evidence.length === 0) continue;
        const touched = [
          ...new Set(group.recordIds.map((id) => mergedClusterOf.get(id)).filter((c): c is Cluster => !!c)),
        ];
        if (touched.length > 1) {
          // The engine never joins two earlier clusters; if it ever did, a person decides.
          insertUndecided('review', group);
          reviewNow++;
          continue;
        }
        const existing = touched[0];
        const members = group.recordIds.map((id) => byId.get(id)!).filter(Boolean);
        if (existing) {
          const added = group.recordIds.filter((id) => !existing.memberIds.includes(id));
          const before = snapshotOf(db, projectId, [existing], added);
          const primary = existing.primaryRecordId ?? choosePrimary(members, isScreened);
          setClusterMembers(db, existing.id, [...existing.memberIds, ...added]);
          updateCluster(db, existing.id, {
            status: 'merged',
            primaryRecordId: primary,
            now,
            evidence: [...existing.evidence, ...group.evidence],
          });
          setDuplicateOf(
            db,
            projectId,
            added.map((id) => [id, primary]),
          );
          insertDecision(db, {
            projectId,
            clusterId: existing.id,
            decision: 'auto-merge',
            primaryRecordId: primary,
            userId: null,
            before,
            decidedAt: now,
          });
          mergedNow += added.length;
        } else {
          const primary = choosePrimary(members, isScreened);
          const clusterId = insertCluster(db, {
            projectId,
            status: 'merged',
            primaryRecordId: primary,
            ...bestRule(group.evidence),
            evidence: group.evidence,
            memberIds: group.recordIds,
            runId,
            now,
          });
          // Undoing an automatic merge hands the cluster to a reviewer rather than forgetting it.
          const before: Snapshot = {
            clusters: [
              { id: clusterId, status: 'review', primaryRecordId: null, memberIds: group.recordIds },
            ],
            duplicateOf: getDuplicateOf(db, projectId, group.recordIds),
          };
          setDuplicateOf(
            db,
            projectId,
            group.recordIds.filter((id) => id !== primary).map((id) => [id, primary]),
          );
          insertDecision(db, {
            projectId,
            clusterId,
            decision: 'auto-merge',
            primaryRecordId: primary,
            userId: null,
            before,
            decidedAt: now,
          });
          mergedNow += group.recordIds.length - 1;
        }
      }
      for (const group of plan.review) {
        insertUndecided('review', group);
        reviewNow++;
      }
      for (const group of plan.related) {
        insertUndecided('related', group);
      }
      for (const group of plan.keptApart) {
        insertUndecided('not-duplicate', group);
        keptApartNow++;
      }
    }
    const durationMs = Math.max(0, clock().getTime() - started);
    finishRun(db, runId, {
      newRecords: newIds.size,
      comparisons,
      mergedRecords: mergedNow,
      reviewClusters: reviewNow,
      durationMs,
    });
    return {
      ...dedupCounts(db, projectId),
      newRecords: newIds.size,
      comparisons,
      mergedNow,
      reviewNow,
      keptApartNow,
      durationMs,
    };
  })();
}

export type DecisionInput = { decision: 'merge' | 'not-duplicate'; primaryId?: number };

function requireCluster(db: Db, projectId: number, clusterId: number): Cluster {
  const cluster = getCluster(db, projectId, clusterId);
  if (!cluster) throw new NotFoundError(`duplicate cluster ${clusterId} not found`);
  return cluster;
}

/**
 * A reviewer's decision on a cluster. `merge` keeps one primary (the one chosen, else a screened
 * or the most complete record) and points the others at it, folding in any merged cluster that
 * shares a record; `not-duplicate` keeps the records apart from now on. One transaction.
 */
export function decideCluster(
  db: Db,
  projectId: number,
  clusterId: number,
  input: DecisionInput,
  userId: number | null,
  clock: Clock,
  options: DedupServiceOptions = {},
): ClusterView {
  requireProject(db, projectId);
  db.transaction(() => {
    const cluster = requireCluster(db, projectId, clusterId);
    const now = clock().toISOString();
    if (cluster.status === 'absorbed')
      throw new ConflictError('this cluster was folded into another; decide that one');
    if (input.decision === 'merge') {
      const absorbed = listClusters(db, projectId, ['merged']).filter(
        (c) => c.id !== cluster.id && c.memberIds.some((id) => cluster.memberIds.includes(id)),
      );
      const allIds = [...new Set([...cluster.memberIds, ...absorbed.flatMap((c) => c.memberIds)])].sort(
        (a, b) => a - b,
      );
      if (input.primaryId !== undefined && !allIds.includes(input.primaryId)) {
        throw new ValidationError(`record ${input.primaryId} is not in cluster ${clusterId}`);
      }
      if (
        cluster.status === 'merged' &&
        absorbed.length === 0 &&
        (input.primaryId === undefined || input.primaryId === cluster.primaryRecordId)
      ) {
        throw new ConflictError(`cluster ${clusterId} is already merged`);
      }
      const records = getRecordsWithSource(db, projectId, allIds);
      const isScreened = screenedTest(db, projectId, options);
      const primary = input.primaryId ?? absorbed[0]?.primaryRecordId ?? choosePrimary(records, isScreened);
      const before = snapshotOf(db, projectId, [cluster, ...absorbed], allIds);
      setClusterMembers(db, cluster.id, allIds);
      updateCluster(db, cluster.id, {
        status: 'merged',
        primaryRecordId: primary,
        now,
        evidence: [...cluster.evidence, ...absorbed.flatMap((c) => c.evidence)],
      });
      for (const c of absorbed)
        updateCluster(db, c.id, { status: 'absorbed', primaryRecordId: c.primaryRecordId, now });
      setDuplicateOf(
        db,
        projectId,
        allIds.map((id) => [id, id === primary ? null : primary]),
      );
      insertDecision(db, {
        projectId,
        clusterId,
        decision: 'merge',
        primaryRecordId: primary,
        userId,
        before,
        decidedAt: now,
      });
    } else {
      if (cluster.status === 'not-duplicate')
        throw new ConflictError(`cluster ${clusterId} is already marked not duplicate`);
      const current = getDuplicateOf(db, projectId, cluster.memberIds);
      // Only links this cluster made are cut: a member may also belong to another merged cluster.
      const cut = current.filter(
        ([, value]) => cluster.status === 'merged' && value === cluster.primaryRecordId,
      );
      const before = snapshotOf(db, projectId, [cluster], cluster.memberIds);
      updateCluster(db, cluster.id, { status: 'not-duplicate', primaryRecordId: null, now });
      setDuplicateOf(
        db,
        projectId,
        cut.map(([id]) => [id, null]),
      );
      insertDecision(db, {
        projectId,
        clusterId,
        decision: 'not-duplicate',
        primaryRecordId: null,
        userId,
        before,
        decidedAt: now,
      });
    }
  })();
  return clusterView(db, projectId, clusterId);
}

/** Reverses the latest decision on a cluster that is not yet undone (automatic merges too). */
export function undoDecision(
  db: Db,
  projectId: number,
  clusterId: number,
  userId: number | null,
  clock: Clock,
): ClusterView {
  requireProject(db, projectId);
  db.transaction(() => {
    requireCluster(db, projectId, clusterId);
    const last = [...listDecisions(db, clusterId)]
      .reverse()
      .find((d) => d.decision !== 'undo' && d.undoneBy === null);
    if (!last) throw new ConflictError(`cluster ${clusterId} has no decision to undo`);
    const named = [
      ...last.before.clusters.flatMap((c) => [
        ...c.memberIds,
        ...(c.primaryRecordId === null ? [] : [c.primaryRecordId]),
      ]),
      ...last.before.duplicateOf.flatMap(([id, value]) => (value === null ? [id] : [id, value])),
    ];
    const missing = missingRecordIds(db, projectId, named);
    if (missing.length > 0)
      throw new ConflictError(
        `this decision cannot be undone: records ${missing.join(', ')} were deleted with their source since`,
      );
    const now = clock().toISOString();
    const touched = last.before.clusters.map((c) => requireCluster(db, projectId, c.id));
    const current = snapshotOf(
      db,
      projectId,
      touched,
      last.before.duplicateOf.map(([id]) => id),
    );
    for (const c of last.before.clusters) {
      setClusterMembers(db, c.id, c.memberIds);
      updateCluster(db, c.id, { status: c.status, primaryRecordId: c.primaryRecordId, now });
    }
    setDuplicateOf(db, projectId, last.before.duplicateOf);
    const undoId = insertDecision(db, {
      projectId,
      clusterId,
      decision: 'undo',
      primaryRecordId: null,
      userId,
      before: current,
      decidedAt: now,
    });
    markUndone(db, last.id, undoId);
  })();
  return clusterView(db, projectId, clusterId);
}

export type ClusterFilter = 'review' | 'merged' | 'related' | 'not-duplicate' | 'all';

const FIELDS = [
  'title',
  'authors',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'abstract',
] as const;

/** A cluster with its evidence, member records and decisions, as the review screen shows it. */
export type ClusterView = Api.Cluster;

function differingFields(records: DedupRecord[]): string[] {
  return FIELDS.filter((field) => {
    const values = new Set(
      records
        .map((r) => (field === 'authors' ? r.authors.join('; ') : r[field]))
        .filter((v) => v !== null && v !== '')
        .map((v) =>
          String(v)
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .trim(),
        ),
    );
    return values.size > 1;
  });
}

function toView(db: Db, projectId: number, cluster: Cluster): ClusterView {
  const records = getRecordsWithSource(db, projectId, cluster.memberIds);
  const primary = records.find((r) => r.id === cluster.primaryRecordId);
  let merged: ClusterView['merged'] = null;
  if (cluster.status === 'merged' && primary) {
    const view = mergedViewOf(
      primary,
      records.filter((r) => r.id !== primary.id),
    );
    merged = { record: view.record, filledFrom: view.filledFrom as Record<string, number> };
  }
  return {
    id: cluster.id,
    status: cluster.status,
    primaryRecordId: cluster.primaryRecordId,
    rule: cluster.rule,
    score: cluster.score,
    evidence: cluster.evidence,
    records,
    differingFields: differingFields(records),
    merged,
    decisions: listDecisions(db, cluster.id).map((d) => ({
      id: d.id,
      decision: d.decision,
      userId: d.userId,
      username: d.username,
      decidedAt: d.decidedAt,
      undone: d.undoneBy !== null,
    })),
  };
}

export function clusterView(db: Db, projectId: number, clusterId: number): ClusterView {
  return toView(db, projectId, requireCluster(db, projectId, clusterId));
}

/** Clusters with their evidence and records, for the review screen. */
export function listClusterViews(db: Db, projectId: number, filter: ClusterFilter = 'review'): ClusterView[] {
  requireProject(db, projectId);
  const statuses: ClusterStatus[] | undefined = filter === 'all' ? undefined : [filter];
  return listClusters(db, projectId, statuses).map((c) => toView(db, projectId, c));
}

/** The counts of `sift dedup --json`, without running anything. */
export function dedupSummary(db: Db, projectId: number): Api.DedupCounts {
  requireProject(db, projectId);
  return dedupCounts(db, projectId);
}
