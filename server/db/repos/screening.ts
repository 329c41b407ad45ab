import type { Db } from '../connection';
import { prepared } from '../statements';
import { caches, projectRecordCount } from './screening-cache';
import { recordColumns, recordFromRow, type RecordFieldsOf, type RecordRowOf } from './records';
import type {
  CurrentVote,
  FinalDecision,
  RecordOutcome,
  RecordStageState,
  ScreeningEvent,
  Stage,
  Vote,
} from '../../domain/screening/types';

export { keepCachesAfter, writeStamp } from './screening-cache';

/**
 * All SQL of screening. Events are the truth; screening_votes and screening_state are
 * projections rewritten for one record in the same transaction as each new event, so
 * queues and counts are index lookups instead of a fold over every event.
 */

/** SQL condition keeping records that are not marked as duplicates of another (alias r). */
export const NOT_DUPLICATE = 'r.duplicate_of IS NULL';

/** SQL condition keeping records that no bulk exclusion removed before screening (alias r). */
export const NOT_REMOVED = 'NOT EXISTS (SELECT 1 FROM record_removals x WHERE x.record_id = r.id)';

// ---------- records ----------

export interface RecordRef {
  id: number;
  isDuplicate: boolean;
}

export function findRecord(db: Db, projectId: number, recordId: number): RecordRef | undefined {
  const row = prepared(db, `SELECT id, duplicate_of FROM records WHERE id = ? AND project_id = ?`).get(
    recordId,
    projectId,
  ) as { id: number; duplicate_of: number | null } | undefined;
  return row && { id: row.id, isDuplicate: row.duplicate_of !== null };
}

/** Ids of the project's records merged into another by deduplication: they are in no stage. */
export function duplicateRecordIds(db: Db, projectId: number): Set<number> {
  return new Set(
    prepared(db, 'SELECT id FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL')
      .pluck()
      .all(projectId) as number[],
  );
}

/** What a reviewer reads while screening (records.ts owns the columns and their mapping). */
export type ScreeningRecord = RecordFieldsOf<'screening'>;
type RecordRow = RecordRowOf<'screening'>;
const RECORD_COLUMNS = recordColumns('screening');
const toRecord = (row: RecordRow): ScreeningRecord => recordFromRow(row);

// ---------- events ----------

interface EventRow {
  kind: 'vote' | 'retract' | 'resolve';
  user_id: number;
  decision: string | null;
  reason: string | null;
  note: string | null;
  created_at: string;
}

function toEvent(row: EventRow): ScreeningEvent {
  if (row.kind === 'retract') return { kind: 'retract', userId: row.user_id, at: row.created_at };
  if (row.kind === 'resolve') {
    return {
      kind: 'resolve',
      userId: row.user_id,
      decision: row.decision as FinalDecision,
      reason: row.reason,
      at: row.created_at,
    };
  }
  return {
    kind: 'vote',
    userId: row.user_id,
    decision: row.decision as Vote,
    reason: row.reason,
    note: row.note,
    at: row.created_at,
  };
}

export function eventsFor(db: Db, recordId: number, stage: Stage): ScreeningEvent[] {
  const rows = prepared(
    db,
    `SELECT kind, user_id, decision, reason, note, created_at FROM screening_events
       WHERE record_id = ? AND stage = ? ORDER BY id`,
  ).all(recordId, stage) as EventRow[];
  return rows.map(toEvent);
}

/** Every record's events at a stage, oldest first (for rebuilding projections). */
export function eventsByRecord(db: Db, projectId: number, stage: Stage): Map<number, ScreeningEvent[]> {
  const rows = prepared(
    db,
    `SELECT record_id, kind, user_id, decision, reason, note, created_at FROM screening_events
       WHERE project_id = ? AND stage = ? ORDER BY id`,
  ).all(projectId, stage) as (EventRow & { record_id: number })[];
  const byRecord = new Map<number, ScreeningEvent[]>();
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push(toEvent(row));
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}

export function appendEvent(
  db: Db,
  projectId: number,
  recordId: number,
  stage: Stage,
  event: ScreeningEvent,
): void {
  const decision = event.kind === 'retract' ? null : event.decision;
  const reason = event.kind === 'retract' ? null : event.reason;
  const note = event.kind === 'vote' ? event.note : null;
  prepared(
    db,
    `INSERT INTO screening_events (project_id, record_id, stage, user_id, kind, decision, reason, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(projectId, recordId, stage, event.userId, event.kind, decision, reason, note, event.at);
}

export function hasEvents(db: Db, recordId: number, stage: Stage): boolean {
  return (
    prepared(db, 'SELECT 1 FROM screening_events WHERE record_id = ? AND stage = ? LIMIT 1').get(
      recordId,
      stage,
    ) !== undefined
  );
}

// ---------- projections ----------

/** Rewrites the projections of one record at one stage from its folded state. */
export function writeProjection(
  db: Db,
  projectId: number,
  recordId: number,
  stage: Stage,
  state: RecordStageState,
  outcome: RecordOutcome,
  at: string,
): void {
  prepared(db, 'DELETE FROM screening_votes WHERE record_id = ? AND stage = ?').run(recordId, stage);
  const insertVote = prepared(
    db,
    `INSERT INTO screening_votes (record_id, stage, user_id, project_id, position, decision, reason, note, decided_at, record_status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  state.votes.forEach((v, i) =>
    insertVote.run(
      recordId,
      stage,
      v.userId,
      projectId,
      i + 1,
      v.decision,
      v.reason,
      v.note,
      v.at,
      outcome.status,
    ),
  );
  if (state.votes.length === 0 && !state.resolution) {
    prepared(db, 'DELETE FROM screening_state WHERE record_id = ? AND stage = ?').run(recordId, stage);
    return;
  }
  const exclusionReason =
    outcome.outcome === 'exclude'
      ? (state.resolution?.reason ??
        state.votes.find((v) => v.decision === 'exclude' && v.reason)?.reason ??
        null)
      : null;
  prepared(
    db,
    `INSERT INTO screening_state (record_id, stage, project_id, status, outcome, vote_count, exclusion_reason,
       resolved_by, resolution_reason, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (record_id, stage) DO UPDATE SET status = excluded.status, outcome = excluded.outcome,
       vote_count = excluded.vote_count, exclusion_reason = excluded.exclusion_reason,
       resolved_by = excluded.resolved_by, resolution_reason = excluded.resolution_reason, updated_at = excluded.updated_at`,
  ).run(
    recordId,
    stage,
    projectId,
    outcome.status,
    outcome.outcome,
    state.votes.length,
    exclusionReason,
    state.resolution?.userId ?? null,
    state.resolution?.reason ?? null,
    at,
  );
}

export function clearProjections(db: Db, projectId: number, stage: Stage): void {
  prepared(db, 'DELETE FROM screening_votes WHERE project_id = ? AND stage = ?').run(projectId, stage);
  prepared(db, 'DELETE FROM screening_state WHERE project_id = ? AND stage = ?').run(projectId, stage);
}

// ---------- stage membership and queues ----------

/** FROM/WHERE of the records that are in a stage (alias r), with the stage state as s. */
function stageScope(db: Db, stage: Stage): string {
  if (stage === 'title_abstract') {
    return `records r
      LEFT JOIN screening_state s ON s.record_id = r.id AND s.stage = 'title_abstract'
      WHERE r.project_id = @projectId AND ${NOT_DUPLICATE} AND ${NOT_REMOVED}`;
  }
  return `screening_state t
      JOIN records r ON r.id = t.record_id
      JOIN fulltext_reports f ON f.record_id = r.id AND f.status = 'retrieved'
      LEFT JOIN screening_state s ON s.record_id = r.id AND s.stage = 'full_text'
      WHERE t.project_id = @projectId AND t.stage = 'title_abstract' AND t.outcome = 'include' AND ${NOT_DUPLICATE}`;
}

const NEEDS_VOTES = `(s.status IS NULL OR s.status = 'awaiting')`;
const NOT_VOTED_BY_ME = `NOT EXISTS (SELECT 1 FROM screening_votes v
  WHERE v.record_id = r.id AND v.stage = @stage AND v.user_id = @userId)`;

/**
 * Whether a record is (still) in a stage: at title/abstract any record neither a duplicate nor
 * removed before screening; at full text one included and retrieved.
 */
export function isInStage(db: Db, projectId: number, recordId: number, stage: Stage): boolean {
  return (
    prepared(db, `SELECT 1 FROM ${stageScope(db, stage)} AND r.id = @recordId`).get({
      projectId,
      recordId,
    }) !== undefined
  );
}

export function queue(
  db: Db,
  projectId: number,
  stage: Stage,
  userId: number,
  limit: number,
  /** Order by the ranking model's score (ranking_scores, best first; unscored last by id). */
  prioritised = false,
): { records: ScreeningRecord[]; remaining: number } {
  const where = `${stageScope(db, stage)} AND ${NEEDS_VOTES} AND ${NOT_VOTED_BY_ME}`;
  let rows: RecordRow[] = [];
  if (limit > 0 && prioritised) {
    // Ranked queues follow the model's score; the remembered start only fits id order.
    rows = prepared(
      db,
      `SELECT ${RECORD_COLUMNS} FROM ${where}
        ORDER BY (SELECT rs.score FROM ranking_scores rs WHERE rs.project_id = @projectId AND rs.record_id = r.id) DESC NULLS LAST, r.id
        LIMIT @limit`,
    ).all({ projectId, stage, userId, limit }) as RecordRow[];
  } else if (limit > 0) {
    // Full text is small; only title/abstract queues use (and refresh) the remembered start.
    const key = `${projectId}:${userId}`;
    const starts = stage === 'title_abstract' ? caches(db).queueStarts : null;
    const from = starts?.get(key) ?? 0;
    rows = prepared(
      db,
      `SELECT ${RECORD_COLUMNS} FROM ${where} AND r.id >= @from ORDER BY r.id LIMIT @limit`,
    ).all({
      projectId,
      stage,
      userId,
      limit,
      from,
    }) as RecordRow[];
    if (starts && rows[0]) starts.set(key, rows[0].id);
  }
  return { records: rows.map(toRecord), remaining: remainingFor(db, projectId, stage, userId) };
}

/**
 * How many records still need this reviewer's vote. At title/abstract this is computed from
 * index ranges instead of a pass over every record (50,000 in a large review):
 * records in the project − records no longer awaiting − records awaiting that I voted on,
 * each corrected for records marked as duplicates (found through the duplicate index).
 */
export function remainingFor(db: Db, projectId: number, stage: Stage, userId: number): number {
  if (stage === 'full_text') {
    const where = `${stageScope(db, stage)} AND ${NEEDS_VOTES} AND ${NOT_VOTED_BY_ME}`;
    return (
      prepared(db, `SELECT COUNT(*) AS n FROM ${where}`).get({ projectId, stage, userId }) as { n: number }
    ).n;
  }
  const count = (sql: string, ...params: unknown[]) => (prepared(db, sql).get(...params) as { n: number }).n;
  const records = projectRecordCount(db, projectId);
  const settled = count(
    `SELECT COUNT(*) AS n FROM screening_state WHERE project_id = ? AND stage = ? AND status IN ('agreed', 'conflict', 'resolved')`,
    projectId,
    stage,
  );
  const mine = count(
    `SELECT COUNT(*) AS n FROM screening_votes WHERE project_id = ? AND stage = ? AND user_id = ? AND record_status = 'awaiting'`,
    projectId,
    stage,
    userId,
  );
  // Duplicates and records removed before screening are out of the stage: take back the ones
  // counted above (each in exactly one term; a removed record has no votes and no state).
  const removed = count(
    `SELECT COUNT(*) AS n FROM record_removals x JOIN records r ON r.id = x.record_id
     WHERE x.project_id = ? AND r.duplicate_of IS NULL`,
    projectId,
  );
  const duplicates = count(
    `SELECT COUNT(*) AS n FROM records r
     LEFT JOIN screening_state s ON s.record_id = r.id AND s.stage = @stage
     WHERE r.project_id = @projectId AND r.duplicate_of IS NOT NULL
       AND (s.status IS NULL OR s.status = 'awaiting')
       AND NOT EXISTS (SELECT 1 FROM screening_votes v WHERE v.record_id = r.id AND v.stage = @stage AND v.user_id = @userId)`,
    { projectId, stage, userId },
  );
  return records - settled - mine - duplicates - removed;
}

export interface MyVoteRow {
  record: ScreeningRecord;
  vote: CurrentVote;
}

/**
 * A reviewer's own current votes at a stage, newest first: on records not yet resolved when
 * `unresolvedOnly`, else every one (the blind list, which must not move with others' votes).
 */
export function myVotes(
  db: Db,
  projectId: number,
  stage: Stage,
  userId: number,
  limit: number,
  unresolvedOnly: boolean,
): MyVoteRow[] {
  const rows = prepared(
    db,
    `SELECT ${RECORD_COLUMNS}, v.decision AS v_decision, v.reason AS v_reason, v.note AS v_note, v.decided_at AS v_at
       FROM screening_votes v JOIN records r ON r.id = v.record_id
       JOIN screening_state s ON s.record_id = v.record_id AND s.stage = v.stage
       WHERE v.project_id = ? AND v.stage = ? AND v.user_id = ? AND (? = 0 OR s.status != 'resolved')
       ORDER BY v.decided_at DESC, r.id LIMIT ?`,
  ).all(projectId, stage, userId, unresolvedOnly ? 1 : 0, limit) as (RecordRow & {
    v_decision: Vote;
    v_reason: string | null;
    v_note: string | null;
    v_at: string;
  })[];
  return rows.map((row) => ({
    record: toRecord(row),
    vote: { userId, decision: row.v_decision, reason: row.v_reason, note: row.v_note, at: row.v_at },
  }));
}

export function votesOn(db: Db, recordId: number, stage: Stage): CurrentVote[] {
  const rows = prepared(
    db,
    `SELECT user_id, decision, reason, note, decided_at FROM screening_votes
       WHERE record_id = ? AND stage = ? ORDER BY position`,
  ).all(recordId, stage) as {
    user_id: number;
    decision: Vote;
    reason: string | null;
    note: string | null;
    decided_at: string;
  }[];
  return rows.map((r) => ({
    userId: r.user_id,
    decision: r.decision,
    reason: r.reason,
    note: r.note,
    at: r.decided_at,
  }));
}

// ---------- progress and conflicts ----------

export interface StageCounts {
  /** Records in the stage. */
  total: number;
  /** Records with at least one vote (or resolved). */
  screened: number;
  included: number;
  excluded: number;
  conflicts: number;
  resolved: number;
  /** Records still needing votes (none or fewer than required). */
  awaiting: number;
}

export function stageCounts(db: Db, projectId: number, stage: Stage): StageCounts {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS total,
         COALESCE(SUM(s.record_id IS NOT NULL), 0) AS screened,
         COALESCE(SUM(s.outcome = 'include'), 0) AS included,
         COALESCE(SUM(s.outcome = 'exclude'), 0) AS excluded,
         COALESCE(SUM(s.status = 'conflict'), 0) AS conflicts,
         COALESCE(SUM(s.status = 'resolved'), 0) AS resolved,
         COALESCE(SUM(s.status IS NULL OR s.status = 'awaiting'), 0) AS awaiting
       FROM ${stageScope(db, stage)}`,
  ).get({ projectId }) as StageCounts;
  return row;
}

/** Records excluded at a stage, counted by reason ("(no reason given)" when there was none). */
export function exclusionReasons(
  db: Db,
  projectId: number,
  stage: Stage,
): { reason: string; count: number }[] {
  return prepared(
    db,
    `SELECT COALESCE(s.exclusion_reason, '(no reason given)') AS reason, COUNT(*) AS count
       FROM ${stageScope(db, stage)} AND s.outcome = 'exclude'
       GROUP BY 1 ORDER BY count DESC, reason`,
  ).all({ projectId }) as { reason: string; count: number }[];
}

export interface ReviewerCounts {
  userId: number;
  votes: number;
  include: number;
  exclude: number;
  maybe: number;
}

export function reviewerCounts(db: Db, projectId: number, stage: Stage): ReviewerCounts[] {
  return prepared(
    db,
    `SELECT user_id AS userId, COUNT(*) AS votes, SUM(decision = 'include') AS include,
         SUM(decision = 'exclude') AS exclude, SUM(decision = 'maybe') AS maybe
       FROM screening_votes WHERE project_id = ? AND stage = ? GROUP BY user_id ORDER BY user_id`,
  ).all(projectId, stage) as ReviewerCounts[];
}

export function votesByUserCount(db: Db, projectId: number, stage: Stage, userId: number): number {
  const row = prepared(
    db,
    'SELECT COUNT(*) AS n FROM screening_votes WHERE project_id = ? AND stage = ? AND user_id = ?',
  ).get(projectId, stage, userId) as { n: number };
  return row.n;
}

export function conflictRecords(db: Db, projectId: number, stage: Stage): ScreeningRecord[] {
  const rows = prepared(
    db,
    `SELECT ${RECORD_COLUMNS} FROM screening_state s JOIN records r ON r.id = s.record_id
       WHERE s.project_id = ? AND s.stage = ? AND s.status = 'conflict' AND ${NOT_DUPLICATE} ORDER BY r.id`,
  ).all(projectId, stage) as RecordRow[];
  return rows.map(toRecord);
}

/** Usernames of the given user ids (ids without an account are absent). */
export function usernames(db: Db, ids: number[]): Map<number, string> {
  const names = new Map<number, string>();
  if (ids.length === 0) return names;
  const rows = prepared(
    db,
    `SELECT id, username FROM users WHERE id IN (${ids.map(() => '?').join(',')})`,
  ).all(...ids) as { id: number; username: string }[];
  for (const row of rows) names.set(row.id, row.username);
  return names;
}

/** Every record in a stage, in id order (demo seeding, exports). */
export function recordsInStage(db: Db, projectId: number, stage: Stage): ScreeningRecord[] {
  const rows = prepared(db, `SELECT ${RECORD_COLUMNS} FROM ${stageScope(db, stage)} ORDER BY r.id`).all({
    projectId,
  }) as RecordRow[];
  return rows.map(toRecord);
}

export interface StandingVote {
  recordId: number;
  stage: Stage;
  userId: number;
  username: string | null;
  decision: Vote;
  reason: string | null;
}

/** The votes standing now on the given records, both stages, in the order reviewers first voted. */
export function standingVotesOf(db: Db, projectId: number, recordIds: readonly number[]): StandingVote[] {
  if (recordIds.length === 0) return [];
  return prepared(
    db,
    `SELECT v.record_id AS recordId, v.stage, v.user_id AS userId, u.username, v.decision, v.reason
       FROM screening_votes v LEFT JOIN users u ON u.id = v.user_id
      WHERE v.project_id = ? AND v.record_id IN (SELECT value FROM json_each(?))
      ORDER BY v.record_id, v.stage, v.position`,
  ).all(projectId, JSON.stringify(recordIds)) as StandingVote[];
}

/** Everyone with a standing vote in the project, by stage and username. */
export function votersOf(db: Db, projectId: number): { stage: Stage; username: string }[] {
  return prepared(
    db,
    `SELECT DISTINCT v.stage, ifnull(u.username, 'user' || v.user_id) AS username
       FROM screening_votes v LEFT JOIN users u ON u.id = v.user_id
      WHERE v.project_id = ? ORDER BY v.stage = 'full_text', username`,
  ).all(projectId) as { stage: Stage; username: string }[];
}
