import type { Db } from '../connection';
import { prepared } from '../statements';

/** All SQL of the appraisal tables: a project's own tools, appraisers' work, the owner's consensus. */

/** A project's own tool as stored (its JSON is read by the domain, never here). */
export interface ProjectToolRow {
  id: number;
  key: string;
  json: string;
  updatedBy: number | null;
  updatedAt: string;
}

/** One appraiser on one study. */
export interface AppraisalRow {
  recordId: number;
  userId: number;
  design: string | null;
  doneAt: string | null;
  updatedAt: string;
}

/** An appraiser's answer to one criterion. */
export interface AnswerRow {
  recordId: number;
  userId: number;
  criterion: string;
  answer: string;
  justification: string;
  quote: string | null;
  page: string | null;
  updatedAt: string;
}

/** The owner's reconciled design of a study. */
export interface ConsensusDesignRow {
  recordId: number;
  design: string | null;
  decidedBy: number;
  decidedAt: string;
}

/** The owner's reconciled answer to one criterion. */
export interface ConsensusAnswerRow {
  recordId: number;
  criterion: string;
  answer: string;
  justification: string;
  quote: string | null;
  page: string | null;
  fromUserId: number | null;
  decidedBy: number;
  decidedAt: string;
}

const ANSWER_COLUMNS = `record_id AS recordId, user_id AS userId, criterion, answer, justification, quote, page,
  updated_at AS updatedAt`;
const CONSENSUS_ANSWER_COLUMNS = `record_id AS recordId, criterion, answer, justification, quote, page,
  from_user_id AS fromUserId, decided_by AS decidedBy, decided_at AS decidedAt`;

export function appraisalRepo(db: Db) {
  return {
    listTools(projectId: number): ProjectToolRow[] {
      return prepared(
        db,
        `SELECT id, tool_key AS key, tool_json AS json, updated_by AS updatedBy, updated_at AS updatedAt
           FROM appraisal_tools WHERE project_id = ? ORDER BY tool_key`,
      ).all(projectId) as ProjectToolRow[];
    },

    /** Adds the project's tool of this key, or replaces it. */
    saveTool(projectId: number, key: string, json: string, userId: number | null, now: Date): void {
      prepared(
        db,
        `INSERT INTO appraisal_tools (project_id, tool_key, tool_json, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, tool_key) DO UPDATE SET tool_json = excluded.tool_json,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(projectId, key, json, userId, now.toISOString());
    },

    /** Every answer given in the project (appraisers' and consensus), for checks before a tool changes. */
    usedAnswers(projectId: number): { criterion: string; answer: string; design: string | null }[] {
      return prepared(
        db,
        `SELECT criterion, answer, NULL AS design FROM appraisal_answers WHERE project_id = ?
         UNION SELECT criterion, answer, NULL FROM appraisal_consensus_answers WHERE project_id = ?
         UNION SELECT NULL, NULL, design FROM appraisals WHERE project_id = ? AND design IS NOT NULL
         UNION SELECT NULL, NULL, design FROM appraisal_consensus WHERE project_id = ? AND design IS NOT NULL`,
      ).all(projectId, projectId, projectId, projectId) as {
        criterion: string;
        answer: string;
        design: string | null;
      }[];
    },

    listAppraisals(projectId: number): AppraisalRow[] {
      return prepared(
        db,
        `SELECT record_id AS recordId, user_id AS userId, design, done_at AS doneAt, updated_at AS updatedAt
           FROM appraisals WHERE project_id = ? ORDER BY record_id, user_id`,
      ).all(projectId) as AppraisalRow[];
    },

    /** Starts (or touches) an appraiser's appraisal of a study. */
    touchAppraisal(projectId: number, recordId: number, userId: number, now: Date): void {
      prepared(
        db,
        `INSERT INTO appraisals (project_id, record_id, user_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (record_id, user_id) DO UPDATE SET updated_at = excluded.updated_at`,
      ).run(projectId, recordId, userId, now.toISOString());
    },

    setDesign(recordId: number, userId: number, design: string | null, now: Date): void {
      prepared(
        db,
        'UPDATE appraisals SET design = ?, updated_at = ? WHERE record_id = ? AND user_id = ?',
      ).run(design, now.toISOString(), recordId, userId);
    },

    /** Marks (doneAt) or unmarks (null) an appraiser's appraisal of the given report rows done. */
    setDone(projectId: number, recordIds: readonly number[], userId: number, doneAt: Date | null): void {
      prepared(
        db,
        `UPDATE appraisals SET done_at = ? WHERE project_id = ? AND user_id = ?
            AND record_id IN (SELECT value FROM json_each(?))`,
      ).run(doneAt?.toISOString() ?? null, projectId, userId, JSON.stringify(recordIds));
    },

    listAnswers(projectId: number): AnswerRow[] {
      return prepared(
        db,
        `SELECT ${ANSWER_COLUMNS} FROM appraisal_answers WHERE project_id = ? ORDER BY record_id, user_id, criterion`,
      ).all(projectId) as AnswerRow[];
    },

    setAnswer(projectId: number, a: Omit<AnswerRow, 'updatedAt'>, now: Date): void {
      prepared(
        db,
        `INSERT INTO appraisal_answers (project_id, record_id, user_id, criterion, answer, justification, quote, page, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (record_id, user_id, criterion) DO UPDATE SET answer = excluded.answer,
           justification = excluded.justification, quote = excluded.quote, page = excluded.page,
           updated_at = excluded.updated_at`,
      ).run(
        projectId,
        a.recordId,
        a.userId,
        a.criterion,
        a.answer,
        a.justification,
        a.quote,
        a.page,
        now.toISOString(),
      );
    },

    removeAnswer(recordId: number, userId: number, criterion: string): void {
      prepared(db, 'DELETE FROM appraisal_answers WHERE record_id = ? AND user_id = ? AND criterion = ?').run(
        recordId,
        userId,
        criterion,
      );
    },

    listConsensusDesigns(projectId: number): ConsensusDesignRow[] {
      return prepared(
        db,
        `SELECT record_id AS recordId, design, decided_by AS decidedBy, decided_at AS decidedAt
           FROM appraisal_consensus WHERE project_id = ? ORDER BY record_id`,
      ).all(projectId) as ConsensusDesignRow[];
    },

    setConsensusDesign(
      projectId: number,
      recordId: number,
      design: string | null,
      userId: number,
      now: Date,
    ): void {
      prepared(
        db,
        `INSERT INTO appraisal_consensus (project_id, record_id, design, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (record_id) DO UPDATE SET design = excluded.design, decided_by = excluded.decided_by,
           decided_at = excluded.decided_at`,
      ).run(projectId, recordId, design, userId, now.toISOString());
    },

    listConsensusAnswers(projectId: number): ConsensusAnswerRow[] {
      return prepared(
        db,
        `SELECT ${CONSENSUS_ANSWER_COLUMNS} FROM appraisal_consensus_answers WHERE project_id = ?
          ORDER BY record_id, criterion`,
      ).all(projectId) as ConsensusAnswerRow[];
    },

    setConsensusAnswer(projectId: number, a: Omit<ConsensusAnswerRow, 'decidedAt'>, now: Date): void {
      prepared(
        db,
        `INSERT INTO appraisal_consensus_answers
           (project_id, record_id, criterion, answer, justification, quote, page, from_user_id, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (record_id, criterion) DO UPDATE SET answer = excluded.answer,
           justification = excluded.justification, quote = excluded.quote, page = excluded.page,
           from_user_id = excluded.from_user_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      ).run(
        projectId,
        a.recordId,
        a.criterion,
        a.answer,
        a.justification,
        a.quote,
        a.page,
        a.fromUserId,
        a.decidedBy,
        now.toISOString(),
      );
    },
  };
}
