import type { Db } from '../connection';
import { prepared } from '../statements';
import { projectRecords, recordColumns, recordFromRow, type RecordRow, type RecordRowOf } from './records';
import type { DedupRecord } from '../../domain/dedup/types';
import type { EvidencePair } from '../../domain/dedup/engine';

export type ClusterStatus = 'merged' | 'review' | 'not-duplicate' | 'related' | 'absorbed';
export type DecisionKind = 'auto-merge' | 'merge' | 'not-duplicate' | 'undo';

export interface Cluster {
  id: number;
  projectId: number;
  status: ClusterStatus;
  primaryRecordId: number | null;
  rule: string;
  score: number;
  evidence: EvidencePair[];
  memberIds: number[];
  runId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What a decision changed, as it was before; undo writes it back. */
export interface Snapshot {
  clusters: { id: number; status: ClusterStatus; primaryRecordId: number | null; memberIds: number[] }[];
  duplicateOf: [recordId: number, value: number | null][];
}

export interface Decision {
  id: number;
  clusterId: number;
  decision: DecisionKind;
  primaryRecordId: number | null;
  userId: number | null;
  username: string | null;
  before: Snapshot;
  undoneBy: number | null;
  decidedAt: string;
}

/** Every record of a project in import order, with the fields matching reads. */
export function listDedupRecords(db: Db, projectId: number): DedupRecord[] {
  return projectRecords(db, projectId, 'dedup');
}

/** Chosen records of a project (for a cluster's side-by-side view), with their source. */
export function getRecordsWithSource(
  db: Db,
  projectId: number,
  ids: number[],
): (DedupRecord & { sourceId: number; sourceName: string; duplicateOf: number | null })[] {
  if (ids.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT ${recordColumns('dedup')}, r.source_id, s.name AS source_name, r.duplicate_of
       FROM records r JOIN sources s ON s.id = r.source_id
       WHERE r.project_id = ? AND r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
  ).all(projectId, JSON.stringify(ids)) as (RecordRowOf<'dedup'> &
    Pick<RecordRow, 'source_id' | 'duplicate_of'> & { source_name: string })[];
  return rows.map((row) => ({ ...recordFromRow(row), sourceName: row.source_name }));
}

/** The highest record id an earlier run has seen (0 before the first run). */
export function lastSeenRecordId(db: Db, projectId: number): number {
  const row = prepared(db, 'SELECT MAX(max_record_id) AS seen FROM dedup_runs WHERE project_id = ?').get(
    projectId,
  ) as {
    seen: number | null;
  };
  return row.seen ?? 0;
}

export interface RunRow {
  projectId: number;
  maxRecordId: number;
  newRecords: number;
  comparisons: number;
  mergedRecords: number;
  reviewClusters: number;
  durationMs: number;
  ranAt: string;
}

export function insertRun(db: Db, run: RunRow): number {
  const info = prepared(
    db,
    `INSERT INTO dedup_runs (project_id, max_record_id, new_records, comparisons, merged_records, review_clusters,
         duration_ms, ran_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.projectId,
    run.maxRecordId,
    run.newRecords,
    run.comparisons,
    run.mergedRecords,
    run.reviewClusters,
    run.durationMs,
    run.ranAt,
  );
  return Number(info.lastInsertRowid);
}

interface ClusterRow {
  id: number;
  project_id: number;
  status: ClusterStatus;
  primary_record_id: number | null;
  rule: string;
  score: number;
  evidence_json: string;
  run_id: number | null;
  created_at: string;
  updated_at: string;
  member_ids: string;
}

const CLUSTER_SELECT = `SELECT c.id, c.project_id, c.status, c.primary_record_id, c.rule, c.score, c.evidence_json, c.run_id,
    c.created_at, c.updated_at,
    (SELECT json_group_array(record_id) FROM (SELECT record_id FROM dedup_cluster_members m
       WHERE m.cluster_id = c.id ORDER BY record_id)) AS member_ids
  FROM dedup_clusters c`;

function toCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    primaryRecordId: row.primary_record_id,
    rule: row.rule,
    score: row.score,
    evidence: JSON.parse(row.evidence_json) as EvidencePair[],
    memberIds: JSON.parse(row.member_ids) as number[],
    runId: row.run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getCluster(db: Db, projectId: number, clusterId: number): Cluster | undefined {
  const row = prepared(db, `${CLUSTER_SELECT} WHERE c.project_id = ? AND c.id = ?`).get(
    projectId,
    clusterId,
  ) as ClusterRow | undefined;
  return row && toCluster(row);
}

/** Clusters of a project with one of the statuses (all when none given), oldest first. */
export function listClusters(db: Db, projectId: number, statuses?: ClusterStatus[]): Cluster[] {
  const rows = (
    statuses
      ? prepared(
          db,
          `${CLUSTER_SELECT} WHERE c.project_id = ? AND c.status IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
        ).all(projectId, JSON.stringify(statuses))
      : prepared(db, `${CLUSTER_SELECT} WHERE c.project_id = ? ORDER BY c.id`).all(projectId)
  ) as ClusterRow[];
  return rows.map(toCluster);
}

export interface NewCluster {
  projectId: number;
  status: ClusterStatus;
  primaryRecordId: number | null;
  rule: string;
  score: number;
  evidence: EvidencePair[];
  memberIds: number[];
  runId: number | null;
  now: string;
}

export function insertCluster(db: Db, cluster: NewCluster): number {
  const info = prepared(
    db,
    `INSERT INTO dedup_clusters (project_id, status, primary_record_id, rule, score, evidence_json, run_id, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cluster.projectId,
    cluster.status,
    cluster.primaryRecordId,
    cluster.rule,
    cluster.score,
    JSON.stringify(cluster.evidence),
    cluster.runId,
    cluster.now,
    cluster.now,
  );
  const id = Number(info.lastInsertRowid);
  setClusterMembers(db, id, cluster.memberIds);
  return id;
}

export function updateCluster(
  db: Db,
  clusterId: number,
  change: {
    status: ClusterStatus;
    primaryRecordId: number | null;
    now: string;
    evidence?: EvidencePair[];
    rule?: string;
    score?: number;
  },
): void {
  prepared(
    db,
    `UPDATE dedup_clusters SET status = ?, primary_record_id = ?, updated_at = ?,
       evidence_json = COALESCE(?, evidence_json), rule = COALESCE(?, rule), score = COALESCE(?, score) WHERE id = ?`,
  ).run(
    change.status,
    change.primaryRecordId,
    change.now,
    change.evidence ? JSON.stringify(change.evidence) : null,
    change.rule ?? null,
    change.score ?? null,
    clusterId,
  );
}

export function setClusterMembers(db: Db, clusterId: number, recordIds: number[]): void {
  prepared(db, 'DELETE FROM dedup_cluster_members WHERE cluster_id = ?').run(clusterId);
  const insert = prepared(db, 'INSERT INTO dedup_cluster_members (cluster_id, record_id) VALUES (?, ?)');
  for (const id of new Set(recordIds)) insert.run(clusterId, id);
}

/** Points records at the record they were merged into (null: not a duplicate). */
export function setDuplicateOf(
  db: Db,
  projectId: number,
  entries: [recordId: number, value: number | null][],
): void {
  const update = prepared(db, 'UPDATE records SET duplicate_of = ? WHERE project_id = ? AND id = ?');
  for (const [recordId, value] of entries) update.run(value, projectId, recordId);
}

export function getDuplicateOf(db: Db, projectId: number, recordIds: number[]): [number, number | null][] {
  if (recordIds.length === 0) return [];
  const rows = prepared(
    db,
    'SELECT id, duplicate_of FROM records WHERE project_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(projectId, JSON.stringify(recordIds)) as { id: number; duplicate_of: number | null }[];
  return rows.map((r) => [r.id, r.duplicate_of]);
}

export function insertDecision(
  db: Db,
  d: {
    projectId: number;
    clusterId: number;
    decision: DecisionKind;
    primaryRecordId: number | null;
    userId: number | null;
    before: Snapshot;
    decidedAt: string;
  },
): number {
  const info = prepared(
    db,
    `INSERT INTO dedup_decisions (project_id, cluster_id, decision, primary_record_id, user_id, before_json, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.projectId,
    d.clusterId,
    d.decision,
    d.primaryRecordId,
    d.userId,
    JSON.stringify(d.before),
    d.decidedAt,
  );
  return Number(info.lastInsertRowid);
}

interface DecisionRow {
  id: number;
  cluster_id: number;
  decision: DecisionKind;
  primary_record_id: number | null;
  user_id: number | null;
  username: string | null;
  before_json: string;
  undone_by: number | null;
  decided_at: string;
}

const toDecision = (row: DecisionRow): Decision => ({
  id: row.id,
  clusterId: row.cluster_id,
  decision: row.decision,
  primaryRecordId: row.primary_record_id,
  userId: row.user_id,
  username: row.username,
  before: JSON.parse(row.before_json) as Snapshot,
  undoneBy: row.undone_by,
  decidedAt: row.decided_at,
});

/** Every decision on a cluster, oldest first (the audit trail). */
export function listDecisions(db: Db, clusterId: number): Decision[] {
  const rows = prepared(
    db,
    `SELECT d.id, d.cluster_id, d.decision, d.primary_record_id, d.user_id, u.username, d.before_json, d.undone_by,
              d.decided_at
       FROM dedup_decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.cluster_id = ? ORDER BY d.id`,
  ).all(clusterId) as DecisionRow[];
  return rows.map(toDecision);
}

export function markUndone(db: Db, decisionId: number, undoId: number): void {
  prepared(db, 'UPDATE dedup_decisions SET undone_by = ? WHERE id = ?').run(undoId, decisionId);
}

export interface DedupCounts {
  records: number;
  duplicates: number;
  clusters: number;
  review: number;
}

/** The counts `sift dedup --json` reports and PRISMA's "duplicates removed" reads. */
export function dedupCounts(db: Db, projectId: number): DedupCounts {
  const row = prepared(
    db,
    `SELECT
         (SELECT COUNT(*) FROM records WHERE project_id = ?) AS records,
         (SELECT COUNT(*) FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL) AS duplicates,
         (SELECT COUNT(*) FROM dedup_clusters WHERE project_id = ? AND status = 'merged') AS clusters,
         (SELECT COUNT(*) FROM dedup_clusters WHERE project_id = ? AND status = 'review') AS review`,
  ).get(projectId, projectId, projectId, projectId) as DedupCounts;
  return row;
}

/** How each candidate cluster stands, for the report's methods: merged by the rules or by a person, kept apart, waiting. */
export function clusterOutcomes(
  db: Db,
  projectId: number,
): { mergedAutomatically: number; mergedByPerson: number; keptApart: number; awaitingReview: number } {
  // A cluster's standing decision is its latest one that was neither an undo nor undone.
  const rows = prepared(
    db,
    `SELECT c.status AS status,
            (SELECT d.decision FROM dedup_decisions d
              WHERE d.cluster_id = c.id AND d.decision != 'undo' AND d.undone_by IS NULL
              ORDER BY d.id DESC LIMIT 1) AS decision
       FROM dedup_clusters c WHERE c.project_id = ?`,
  ).all(projectId) as { status: ClusterStatus; decision: DecisionKind | null }[];
  const counted = { mergedAutomatically: 0, mergedByPerson: 0, keptApart: 0, awaitingReview: 0 };
  for (const r of rows) {
    if (r.status === 'merged')
      counted[r.decision === 'merge' ? 'mergedByPerson' : 'mergedAutomatically'] += 1;
    else if (r.status === 'not-duplicate') counted.keptApart += 1;
    else if (r.status === 'review') counted.awaitingReview += 1;
  }
  return counted;
}

export function finishRun(
  db: Db,
  runId: number,
  run: Pick<RunRow, 'newRecords' | 'comparisons' | 'mergedRecords' | 'reviewClusters' | 'durationMs'>,
): void {
  prepared(
    db,
    `UPDATE dedup_runs SET new_records = ?, comparisons = ?, merged_records = ?, review_clusters = ?, duration_ms = ?
     WHERE id = ?`,
  ).run(run.newRecords, run.comparisons, run.mergedRecords, run.reviewClusters, run.durationMs, runId);
}

/** Records of a project that carry any screening decision (they stay primary when merged). */
export function screenedRecordIds(db: Db, projectId: number): Set<number> {
  const rows = prepared(db, 'SELECT DISTINCT record_id FROM screening_events WHERE project_id = ?').all(
    projectId,
  ) as {
    record_id: number;
  }[];
  return new Set(rows.map((r) => r.record_id));
}

/** Of the given ids, those that name no record of the project (deleted with their source). */
export function missingRecordIds(db: Db, projectId: number, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return prepared(
    db,
    `SELECT j.value FROM json_each(?) j
      WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = j.value AND r.project_id = ?)`,
  )
    .pluck()
    .all(JSON.stringify([...new Set(ids)]), projectId) as number[];
}
