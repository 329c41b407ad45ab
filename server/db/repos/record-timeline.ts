import type { Db } from '../connection';
import { prepared } from '../statements';
import type { Stage } from '../../domain/screening/types';
import type { SourceKind } from '../../domain/source-kinds';

/**
 * What the record page reads besides the record: every screening event on it, the
 * deduplication decisions on the clusters it belongs to, its full-text retrieval, and the
 * copies merged into it. The timeline service decides what of it the caller may see.
 */

export interface ScreeningEventRow {
  id: number;
  stage: Stage;
  kind: 'vote' | 'retract' | 'resolve';
  userId: number;
  username: string | null;
  decision: string | null;
  reason: string | null;
  note: string | null;
  at: string;
}

export function screeningEventsOf(db: Db, projectId: number, recordId: number): ScreeningEventRow[] {
  return prepared(
    db,
    `SELECT e.id, e.stage, e.kind, e.user_id AS userId, u.username, e.decision, e.reason, e.note, e.created_at AS at
       FROM screening_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.project_id = ? AND e.record_id = ? ORDER BY e.id`,
  ).all(projectId, recordId) as ScreeningEventRow[];
}

export interface DedupDecisionRow {
  id: number;
  clusterId: number;
  decision: 'auto-merge' | 'merge' | 'not-duplicate' | 'undo';
  userId: number | null;
  username: string | null;
  primaryRecordId: number | null;
  at: string;
}

/** Decisions on every cluster the record is (or was, through a decision's snapshot) a member of. */
export function dedupDecisionsOf(db: Db, projectId: number, recordId: number): DedupDecisionRow[] {
  return prepared(
    db,
    `SELECT d.id, d.cluster_id AS clusterId, d.decision, d.user_id AS userId, u.username,
            d.primary_record_id AS primaryRecordId, d.decided_at AS at
       FROM dedup_decisions d LEFT JOIN users u ON u.id = d.user_id
      WHERE d.project_id = ? AND d.cluster_id IN (SELECT cluster_id FROM dedup_cluster_members WHERE record_id = ?)
      ORDER BY d.id`,
  ).all(projectId, recordId) as DedupDecisionRow[];
}

/** The other records of a cluster, now. */
export function clusterMemberIds(db: Db, clusterId: number): number[] {
  return prepared(db, 'SELECT record_id FROM dedup_cluster_members WHERE cluster_id = ? ORDER BY record_id')
    .pluck()
    .all(clusterId) as number[];
}

export interface RetrievalRow {
  status: 'retrieved' | 'not_retrievable';
  userId: number;
  username: string | null;
  at: string;
  url: string | null;
  pdf: boolean;
}

export function retrievalOf(db: Db, projectId: number, recordId: number): RetrievalRow | undefined {
  const row = prepared(
    db,
    `SELECT f.status, f.updated_by AS userId, u.username, f.updated_at AS at, f.url, f.pdf_file IS NOT NULL AS pdf
       FROM fulltext_reports f LEFT JOIN users u ON u.id = f.updated_by
      WHERE f.project_id = ? AND f.record_id = ?`,
  ).get(projectId, recordId) as (Omit<RetrievalRow, 'pdf'> & { pdf: 0 | 1 }) | undefined;
  return row && { ...row, pdf: row.pdf === 1 };
}

export interface MergedCopyRow {
  id: number;
  sourceId: number;
  sourceName: string;
  sourceKind: SourceKind;
  title: string | null;
  year: number | null;
  doi: string | null;
}

/** The records deduplication merged into this one, with their sources. */
export function mergedCopiesOf(db: Db, projectId: number, recordId: number): MergedCopyRow[] {
  return prepared(
    db,
    `SELECT r.id, r.source_id AS sourceId, s.name AS sourceName, s.kind AS sourceKind, r.title, r.year, r.doi
       FROM records r JOIN sources s ON s.id = r.source_id
      WHERE r.project_id = ? AND r.duplicate_of = ? ORDER BY r.id`,
  ).all(projectId, recordId) as MergedCopyRow[];
}
