import type { Db } from '../connection';
import { recordsOf, type RecordFieldsOf } from './records';
import type { Codebook, CodeDefinition, FieldDefinition, FieldKind } from '../../domain/coding/codebook';

export interface CodeRow {
  id: number;
  parentId: number | null;
  code: string;
  label: string;
  description: string;
  position: number;
}

export interface FieldRow extends FieldDefinition {
  id: number;
  position: number;
}

export interface ApplicationRow {
  id: number;
  recordId: number;
  codeId: number;
  userId: number;
  excerpt: string;
  page: string | null;
  note: string;
  createdAt: string;
  /** An illustrative example, not a quotation of the study (migration 0010). */
  illustrative: boolean;
}

export interface ExtractionValueRow {
  recordId: number;
  fieldId: number;
  userId: number;
  value: string | number | string[] | null;
  updatedAt: string;
}

/** A value stored for a field, by a coder or in the consensus (the builder renames choices in them). */
export interface StoredFieldValue {
  owner: 'coder' | 'consensus';
  recordId: number;
  userId: number | null;
  value: string | number | string[] | null;
}

/** A coder's "I have finished this study". */
export interface DoneRow {
  recordId: number;
  userId: number;
  doneAt: string;
}

/** A code in the owner's reconciled (consensus) coding of a study. */
export interface ConsensusApplicationRow {
  id: number;
  recordId: number;
  codeId: number;
  excerpt: string;
  page: string | null;
  note: string;
  /** The coder's application it was accepted from; null when the owner wrote it. */
  fromApplicationId: number | null;
  decidedBy: number;
  decidedAt: string;
  /** The excerpt is an illustrative example, not a quotation (copied from the coder's). */
  illustrative: boolean;
}

/** The owner's reconciled value of one field of a study. */
export interface ConsensusValueRow {
  recordId: number;
  fieldId: number;
  value: string | number | string[] | null;
  /** The coder whose value was accepted; null when the owner wrote it. */
  fromUserId: number | null;
  decidedBy: number;
  decidedAt: string;
}

const CONSENSUS_APPLICATION_COLUMNS = `id, record_id AS recordId, code_id AS codeId, excerpt, page, note,
  from_application_id AS fromApplicationId, decided_by AS decidedBy, decided_at AS decidedAt, illustrative`;

const APPLICATION_COLUMNS = `id, record_id AS recordId, code_id AS codeId, user_id AS userId, excerpt, page, note,
  created_at AS createdAt, illustrative`;

/** A row as SQLite gives it: the illustrative flag as 0/1. */
type StoredFlag<T> = Omit<T, 'illustrative'> & { illustrative: number };

/** Reads the stored 0/1 flag as the boolean the row type says. */
function withFlag<T extends { illustrative: boolean }>(row: StoredFlag<T> | undefined): T | undefined {
  return row === undefined ? undefined : ({ ...row, illustrative: row.illustrative === 1 } as T);
}

/** The bibliographic fields coding shows and cites for a study (records.ts owns the columns). */
export type StudyRecordRow = RecordFieldsOf<'study'>;

/** All SQL of the coding tables: codebook, extraction form, code applications, values, summaries. */
export function codingRepo(db: Db) {
  return {
    /** The given records of a project (the included studies), in id order; others are not read. */
    studyRecords(projectId: number, recordIds: readonly number[]): StudyRecordRow[] {
      return recordsOf(db, projectId, 'study', recordIds);
    },

    studyRecord(projectId: number, recordId: number): StudyRecordRow | undefined {
      return recordsOf(db, projectId, 'study', [recordId])[0];
    },

    listCodes(projectId: number): CodeRow[] {
      return db
        .prepare(
          `SELECT id, parent_id AS parentId, code, label, description, position
             FROM codes WHERE project_id = ? ORDER BY position, id`,
        )
        .all(projectId) as CodeRow[];
    },

    getCode(projectId: number, codeId: number): CodeRow | undefined {
      return db
        .prepare(
          `SELECT id, parent_id AS parentId, code, label, description, position
             FROM codes WHERE project_id = ? AND id = ?`,
        )
        .get(projectId, codeId) as CodeRow | undefined;
    },

    listFields(projectId: number): FieldRow[] {
      const rows = db
        .prepare(
          `SELECT id, key, label, kind, options_json AS options, position
             FROM extraction_fields WHERE project_id = ? ORDER BY position, id`,
        )
        .all(projectId) as (Omit<FieldRow, 'options'> & { options: string })[];
      return rows.map((r) => ({
        ...r,
        kind: r.kind as FieldKind,
        options: JSON.parse(r.options) as string[],
      }));
    },

    /** Adds the codes and fields a codebook names and updates those that exist (matched by key). */
    upsertCodebook(projectId: number, book: Codebook): void {
      const findCode = db.prepare('SELECT id FROM codes WHERE project_id = ? AND code = ?');
      const insertCode = db.prepare(
        'INSERT INTO codes (project_id, parent_id, code, label, description, position) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const updateCode = db.prepare(
        'UPDATE codes SET parent_id = ?, label = ?, description = ?, position = ? WHERE id = ?',
      );
      const upsertField = db.prepare(
        `INSERT INTO extraction_fields (project_id, key, label, kind, options_json, position) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, key) DO UPDATE SET label = excluded.label, kind = excluded.kind,
           options_json = excluded.options_json, position = excluded.position`,
      );
      const idOf = (code: string) => (findCode.get(projectId, code) as { id: number } | undefined)?.id;
      book.codes.forEach((c: CodeDefinition, position) => {
        const parentId = c.parent === null ? null : (idOf(c.parent) ?? null);
        const existing = idOf(c.code);
        if (existing === undefined)
          insertCode.run(projectId, parentId, c.code, c.label, c.description, position);
        else updateCode.run(parentId, c.label, c.description, position, existing);
      });
      book.fields.forEach((f, position) =>
        upsertField.run(projectId, f.key, f.label, f.kind, JSON.stringify(f.options), position),
      );
    },

    insertCode(
      projectId: number,
      c: { parentId: number | null; code: string; label: string; description: string },
    ): number {
      const position = (
        db
          .prepare('SELECT COALESCE(MAX(position), -1) + 1 AS next FROM codes WHERE project_id = ?')
          .get(projectId) as {
          next: number;
        }
      ).next;
      return Number(
        db
          .prepare(
            'INSERT INTO codes (project_id, parent_id, code, label, description, position) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(projectId, c.parentId, c.code, c.label, c.description, position).lastInsertRowid,
      );
    },

    updateCode(codeId: number, c: { parentId: number | null; label: string; description: string }): void {
      db.prepare('UPDATE codes SET parent_id = ?, label = ?, description = ? WHERE id = ?').run(
        c.parentId,
        c.label,
        c.description,
        codeId,
      );
    },

    deleteCode(codeId: number): void {
      db.prepare('DELETE FROM codes WHERE id = ?').run(codeId);
    },

    /** Places codes: each its parent and position (the editor's moves renumber the whole tree). */
    placeCodes(placed: readonly { id: number; parentId: number | null; position: number }[]): void {
      const place = db.prepare(
        'UPDATE codes SET parent_id = ?, position = ? WHERE id = ? AND (parent_id IS NOT ? OR position IS NOT ?)',
      );
      for (const c of placed) place.run(c.parentId, c.position, c.id, c.parentId, c.position);
    },

    /**
     * Live applications of a code and of every code beneath it, coders' and the consensus's (to
     * refuse deleting coded themes: deleting a code deletes what was coded with it).
     */
    countApplicationsUnder(codeId: number): number {
      return (
        db
          .prepare(
            `WITH RECURSIVE under(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN under u ON c.parent_id = u.id)
             SELECT (SELECT COUNT(*) FROM code_applications WHERE removed_at IS NULL AND code_id IN (SELECT id FROM under))
                  + (SELECT COUNT(*) FROM consensus_applications WHERE removed_at IS NULL AND code_id IN (SELECT id FROM under)) AS n`,
          )
          .get(codeId) as { n: number }
      ).n;
    },

    insertField(projectId: number, f: FieldDefinition): number {
      const position = (
        db
          .prepare(
            'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM extraction_fields WHERE project_id = ?',
          )
          .get(projectId) as { next: number }
      ).next;
      return Number(
        db
          .prepare(
            'INSERT INTO extraction_fields (project_id, key, label, kind, options_json, position) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(projectId, f.key, f.label, f.kind, JSON.stringify(f.options), position).lastInsertRowid,
      );
    },

    updateField(fieldId: number, f: Pick<FieldDefinition, 'label' | 'kind' | 'options'>): void {
      db.prepare('UPDATE extraction_fields SET label = ?, kind = ?, options_json = ? WHERE id = ?').run(
        f.label,
        f.kind,
        JSON.stringify(f.options),
        fieldId,
      );
    },

    deleteField(fieldId: number): void {
      db.prepare('DELETE FROM extraction_fields WHERE id = ?').run(fieldId);
    },

    /** Orders a project's fields as listed (positions 0, 1, …). */
    orderFields(fieldIds: readonly number[]): void {
      const place = db.prepare('UPDATE extraction_fields SET position = ? WHERE id = ?');
      fieldIds.forEach((id, position) => place.run(position, id));
    },

    /** Every value stored for a field: each coder's and the consensus's, with what identifies its row. */
    fieldValues(fieldId: number): StoredFieldValue[] {
      const rows = db
        .prepare(
          `SELECT 'coder' AS owner, record_id AS recordId, user_id AS userId, value_json AS value
             FROM extraction_values WHERE field_id = ?
           UNION ALL
           SELECT 'consensus', record_id, NULL, value_json FROM consensus_values WHERE field_id = ?`,
        )
        .all(fieldId, fieldId) as (Omit<StoredFieldValue, 'value'> & { value: string })[];
      return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as StoredFieldValue['value'] }));
    },

    /** Rewrites one stored value in place (a renamed choice), keeping who set it and when. */
    rewriteFieldValue(fieldId: number, row: StoredFieldValue, value: StoredFieldValue['value']): void {
      if (row.owner === 'coder')
        db.prepare(
          'UPDATE extraction_values SET value_json = ? WHERE field_id = ? AND record_id = ? AND user_id = ?',
        ).run(JSON.stringify(value), fieldId, row.recordId, row.userId);
      else
        db.prepare('UPDATE consensus_values SET value_json = ? WHERE field_id = ? AND record_id = ?').run(
          JSON.stringify(value),
          fieldId,
          row.recordId,
        );
    },

    insertApplication(
      projectId: number,
      a: {
        recordId: number;
        codeId: number;
        userId: number;
        excerpt: string;
        page: string | null;
        note: string;
        illustrative?: boolean;
      },
      now: Date,
    ): number {
      return Number(
        db
          .prepare(
            `INSERT INTO code_applications (project_id, record_id, code_id, user_id, excerpt, page, note, created_at, illustrative)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            projectId,
            a.recordId,
            a.codeId,
            a.userId,
            a.excerpt,
            a.page,
            a.note,
            now.toISOString(),
            a.illustrative ? 1 : 0,
          ).lastInsertRowid,
      );
    },

    getApplication(projectId: number, id: number): ApplicationRow | undefined {
      return withFlag<ApplicationRow>(
        db
          .prepare(
            `SELECT ${APPLICATION_COLUMNS} FROM code_applications WHERE project_id = ? AND id = ? AND removed_at IS NULL`,
          )
          .get(projectId, id) as StoredFlag<ApplicationRow> | undefined,
      );
    },

    removeApplication(id: number, now: Date): void {
      db.prepare('UPDATE code_applications SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(
        now.toISOString(),
        id,
      );
    },

    listApplications(projectId: number, recordId?: number): ApplicationRow[] {
      const rows = db
        .prepare(
          `SELECT ${APPLICATION_COLUMNS} FROM code_applications
            WHERE project_id = ? AND removed_at IS NULL AND (? IS NULL OR record_id = ?)
            ORDER BY record_id, id`,
        )
        .all(projectId, recordId ?? null, recordId ?? null) as StoredFlag<ApplicationRow>[];
      return rows.map((r) => withFlag<ApplicationRow>(r)!);
    },

    setValue(projectId: number, v: Omit<ExtractionValueRow, 'updatedAt'>, now: Date): void {
      db.prepare(
        `INSERT INTO extraction_values (project_id, record_id, field_id, user_id, value_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (record_id, field_id, user_id) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      ).run(projectId, v.recordId, v.fieldId, v.userId, JSON.stringify(v.value), now.toISOString());
    },

    listValues(projectId: number, recordId?: number): ExtractionValueRow[] {
      const rows = db
        .prepare(
          `SELECT record_id AS recordId, field_id AS fieldId, user_id AS userId, value_json AS value, updated_at AS updatedAt
             FROM extraction_values WHERE project_id = ? AND (? IS NULL OR record_id = ?) ORDER BY record_id, field_id, user_id`,
        )
        .all(projectId, recordId ?? null, recordId ?? null) as (Omit<ExtractionValueRow, 'value'> & {
        value: string;
      })[];
      return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as ExtractionValueRow['value'] }));
    },

    /** Every "done" mark of the project, by study record and coder. */
    listDone(projectId: number): DoneRow[] {
      return db
        .prepare(
          `SELECT record_id AS recordId, user_id AS userId, done_at AS doneAt FROM coding_done
            WHERE project_id = ? ORDER BY record_id, done_at, user_id`,
        )
        .all(projectId) as DoneRow[];
    },

    markDone(projectId: number, recordId: number, userId: number, now: Date): void {
      db.prepare(
        'INSERT INTO coding_done (project_id, record_id, user_id, done_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(projectId, recordId, userId, now.toISOString());
    },

    /** Takes back a coder's "done" on a study (whichever report of it the mark was stored under). */
    unmarkDone(projectId: number, recordIds: readonly number[], userId: number): void {
      db.prepare(
        'DELETE FROM coding_done WHERE project_id = ? AND user_id = ? AND record_id IN (SELECT value FROM json_each(?))',
      ).run(projectId, userId, JSON.stringify(recordIds));
    },

    insertConsensusApplication(
      projectId: number,
      a: Omit<ConsensusApplicationRow, 'id' | 'decidedAt'>,
      now: Date,
    ): number {
      return Number(
        db
          .prepare(
            `INSERT INTO consensus_applications
               (project_id, record_id, code_id, excerpt, page, note, from_application_id, decided_by, decided_at, illustrative)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            projectId,
            a.recordId,
            a.codeId,
            a.excerpt,
            a.page,
            a.note,
            a.fromApplicationId,
            a.decidedBy,
            now.toISOString(),
            a.illustrative ? 1 : 0,
          ).lastInsertRowid,
      );
    },

    getConsensusApplication(projectId: number, id: number): ConsensusApplicationRow | undefined {
      return withFlag<ConsensusApplicationRow>(
        db
          .prepare(
            `SELECT ${CONSENSUS_APPLICATION_COLUMNS} FROM consensus_applications
              WHERE project_id = ? AND id = ? AND removed_at IS NULL`,
          )
          .get(projectId, id) as StoredFlag<ConsensusApplicationRow> | undefined,
      );
    },

    /** The live consensus applications of the project, by record then id. */
    listConsensusApplications(projectId: number): ConsensusApplicationRow[] {
      const rows = db
        .prepare(
          `SELECT ${CONSENSUS_APPLICATION_COLUMNS} FROM consensus_applications
            WHERE project_id = ? AND removed_at IS NULL ORDER BY record_id, id`,
        )
        .all(projectId) as StoredFlag<ConsensusApplicationRow>[];
      return rows.map((r) => withFlag<ConsensusApplicationRow>(r)!);
    },

    removeConsensusApplication(id: number, userId: number, now: Date): void {
      db.prepare(
        'UPDATE consensus_applications SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL',
      ).run(now.toISOString(), userId, id);
    },

    setConsensusValue(projectId: number, v: Omit<ConsensusValueRow, 'decidedAt'>, now: Date): void {
      db.prepare(
        `INSERT INTO consensus_values (project_id, record_id, field_id, value_json, from_user_id, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (record_id, field_id) DO UPDATE SET value_json = excluded.value_json,
           from_user_id = excluded.from_user_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      ).run(
        projectId,
        v.recordId,
        v.fieldId,
        JSON.stringify(v.value),
        v.fromUserId,
        v.decidedBy,
        now.toISOString(),
      );
    },

    listConsensusValues(projectId: number): ConsensusValueRow[] {
      const rows = db
        .prepare(
          `SELECT record_id AS recordId, field_id AS fieldId, value_json AS value, from_user_id AS fromUserId,
                  decided_by AS decidedBy, decided_at AS decidedAt
             FROM consensus_values WHERE project_id = ? ORDER BY record_id, field_id`,
        )
        .all(projectId) as (Omit<ConsensusValueRow, 'value'> & { value: string })[];
      return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as ConsensusValueRow['value'] }));
    },

    summaries(projectId: number): Record<number, string> {
      const rows = db
        .prepare('SELECT code_id AS codeId, summary FROM theme_summaries WHERE project_id = ?')
        .all(projectId) as {
        codeId: number;
        summary: string;
      }[];
      return Object.fromEntries(rows.map((r) => [r.codeId, r.summary]));
    },

    setSummary(projectId: number, codeId: number, summary: string, now: Date): void {
      db.prepare(
        `INSERT INTO theme_summaries (code_id, project_id, summary, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (code_id) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at`,
      ).run(codeId, projectId, summary, now.toISOString());
    },
  };
}
