import type { Db } from '../connection';
import { prepared } from '../statements';
import { recordColumns, recordFromRow, type RecordRowOf } from './records';
import { NOT_DUPLICATE } from './screening';

/** SQL for full-text retrieval and for grouping reports into studies. */

export type ReportStatus = 'sought' | 'retrieved' | 'not_retrievable';

export interface ReportRow {
  recordId: number;
  title: string | null;
  year: number | null;
  doi: string | null;
  status: ReportStatus;
  pdfFile: string | null;
  pdfOriginalName: string | null;
  pdfSize: number | null;
  url: string | null;
  note: string | null;
  /** Why the report could not be retrieved (status not_retrievable only). */
  reason: string | null;
  updatedAt: string | null;
  studyId: number | null;
  studyLabel: string | null;
  fullTextStatus: string | null;
  fullTextOutcome: 'include' | 'exclude' | null;
}

/** Records included at title/abstract (alias r), leaving out any since marked as duplicates. */
const INCLUDED_AT_TITLE_ABSTRACT = `screening_state t JOIN records r ON r.id = t.record_id
  WHERE t.project_id = ? AND t.stage = 'title_abstract' AND t.outcome = 'include' AND ${NOT_DUPLICATE}`;

/** What reportsSought selects beside the record's columns, named so that none reads as a records column. */
type RetrievalRow = Omit<ReportRow, 'recordId' | 'title' | 'year' | 'doi' | 'url'> & {
  reportUrl: string | null;
};

/** Reports sought: every record included at title/abstract, with its retrieval state. */
export function reportsSought(db: Db, projectId: number): ReportRow[] {
  const rows = prepared(
    db,
    `SELECT ${recordColumns('report')}, COALESCE(f.status, 'sought') AS status,
         f.pdf_file AS pdfFile, f.pdf_original_name AS pdfOriginalName, f.pdf_size AS pdfSize,
         f.url AS reportUrl, f.note, f.not_retrievable_reason AS reason, f.updated_at AS updatedAt, sr.study_id AS studyId, st.label AS studyLabel,
         s.status AS fullTextStatus, s.outcome AS fullTextOutcome
       FROM screening_state t JOIN records r ON r.id = t.record_id
       LEFT JOIN fulltext_reports f ON f.record_id = r.id
       LEFT JOIN study_reports sr ON sr.record_id = r.id
       LEFT JOIN studies st ON st.id = sr.study_id
       LEFT JOIN screening_state s ON s.record_id = r.id AND s.stage = 'full_text'
       WHERE t.project_id = ? AND t.stage = 'title_abstract' AND t.outcome = 'include' AND ${NOT_DUPLICATE}
       ORDER BY r.id`,
  ).all(projectId) as (RecordRowOf<'report'> & RetrievalRow)[];
  // The record's columns through the one mapper; the answer keeps the field order it always had.
  return rows.map(({ reportUrl: url, ...row }) => {
    const { id: recordId, title, year, doi } = recordFromRow(row);
    const { status, pdfFile, pdfOriginalName, pdfSize, note, reason, updatedAt, studyId, studyLabel } = row;
    const { fullTextStatus, fullTextOutcome } = row;
    return {
      recordId,
      title,
      year,
      doi,
      status,
      pdfFile,
      pdfOriginalName,
      pdfSize,
      url,
      note,
      reason,
      updatedAt,
      studyId,
      studyLabel,
      fullTextStatus,
      fullTextOutcome,
    };
  });
}

export function isReportSought(db: Db, projectId: number, recordId: number): boolean {
  return (
    prepared(db, `SELECT 1 FROM ${INCLUDED_AT_TITLE_ABSTRACT} AND r.id = ?`).get(projectId, recordId) !==
    undefined
  );
}

export interface StoredReport {
  status: 'retrieved' | 'not_retrievable';
  pdfFile: string | null;
  pdfOriginalName: string | null;
  url: string | null;
}

export function findReport(db: Db, recordId: number): StoredReport | undefined {
  return prepared(
    db,
    `SELECT status, pdf_file AS pdfFile, pdf_original_name AS pdfOriginalName, url FROM fulltext_reports WHERE record_id = ?`,
  ).get(recordId) as StoredReport | undefined;
}

export interface ReportWrite {
  projectId: number;
  recordId: number;
  status: 'retrieved' | 'not_retrievable';
  pdfFile: string | null;
  pdfOriginalName: string | null;
  pdfSize: number | null;
  url: string | null;
  note: string | null;
  /** Given with status not_retrievable; null otherwise (a retrieved report has no such reason). */
  reason: string | null;
  userId: number;
  at: string;
}

export function saveReport(db: Db, w: ReportWrite): void {
  prepared(
    db,
    `INSERT INTO fulltext_reports (record_id, project_id, status, pdf_file, pdf_original_name, pdf_size, url, note,
       not_retrievable_reason, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (record_id) DO UPDATE SET status = excluded.status, pdf_file = excluded.pdf_file,
       pdf_original_name = excluded.pdf_original_name, pdf_size = excluded.pdf_size, url = excluded.url,
       note = excluded.note, not_retrievable_reason = excluded.not_retrievable_reason,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(
    w.recordId,
    w.projectId,
    w.status,
    w.pdfFile,
    w.pdfOriginalName,
    w.pdfSize,
    w.url,
    w.note,
    w.reason,
    w.userId,
    w.at,
  );
}

export function retrievalCounts(
  db: Db,
  projectId: number,
): { sought: number; retrieved: number; notRetrievable: number } {
  return prepared(
    db,
    `SELECT COUNT(*) AS sought, COALESCE(SUM(f.status = 'retrieved'), 0) AS retrieved,
         COALESCE(SUM(f.status = 'not_retrievable'), 0) AS notRetrievable
       FROM screening_state t JOIN records r ON r.id = t.record_id
       LEFT JOIN fulltext_reports f ON f.record_id = t.record_id
       WHERE t.project_id = ? AND t.stage = 'title_abstract' AND t.outcome = 'include' AND ${NOT_DUPLICATE}`,
  ).get(projectId) as { sought: number; retrieved: number; notRetrievable: number };
}

// ---------- studies ----------

export function createStudy(db: Db, projectId: number, label: string, at: string): number {
  return Number(
    prepared(db, 'INSERT INTO studies (project_id, label, created_at) VALUES (?, ?, ?)').run(
      projectId,
      label,
      at,
    ).lastInsertRowid,
  );
}

export function findStudy(
  db: Db,
  projectId: number,
  studyId: number,
): { id: number; label: string } | undefined {
  return prepared(db, 'SELECT id, label FROM studies WHERE id = ? AND project_id = ?').get(
    studyId,
    projectId,
  ) as { id: number; label: string } | undefined;
}

export function linkReport(db: Db, studyId: number, recordId: number): void {
  prepared(
    db,
    'INSERT INTO study_reports (record_id, study_id) VALUES (?, ?) ON CONFLICT (record_id) DO UPDATE SET study_id = excluded.study_id',
  ).run(recordId, studyId);
}

export function unlinkReport(db: Db, recordId: number): void {
  prepared(db, 'DELETE FROM study_reports WHERE record_id = ?').run(recordId);
}

/** Studies left without reports are removed so they never count as included studies. */
export function deleteEmptyStudies(db: Db, projectId: number): void {
  prepared(
    db,
    'DELETE FROM studies WHERE project_id = ? AND NOT EXISTS (SELECT 1 FROM study_reports sr WHERE sr.study_id = studies.id)',
  ).run(projectId);
}

export function studies(db: Db, projectId: number): { id: number; label: string; recordIds: number[] }[] {
  const rows = prepared(
    db,
    `SELECT st.id, st.label, sr.record_id FROM studies st JOIN study_reports sr ON sr.study_id = st.id
       WHERE st.project_id = ? ORDER BY st.id, sr.record_id`,
  ).all(projectId) as { id: number; label: string; record_id: number }[];
  const byId = new Map<number, { id: number; label: string; recordIds: number[] }>();
  for (const row of rows) {
    const study = byId.get(row.id) ?? { id: row.id, label: row.label, recordIds: [] };
    study.recordIds.push(row.record_id);
    byId.set(row.id, study);
  }
  return [...byId.values()];
}

/** Every report linked to a study on the Full text page (record → study), in record order. */
export function studyLinks(db: Db, projectId: number): { recordId: number; studyId: number }[] {
  return prepared(
    db,
    `SELECT sr.record_id AS recordId, sr.study_id AS studyId FROM study_reports sr
       JOIN studies st ON st.id = sr.study_id WHERE st.project_id = ? ORDER BY sr.record_id`,
  ).all(projectId) as { recordId: number; studyId: number }[];
}

/** Included reports at full text and the studies they make (an unlinked report is its own study). */
export function includedReportsAndStudies(db: Db, projectId: number): { reports: number; studies: number } {
  return prepared(
    db,
    `SELECT COUNT(*) AS reports, COUNT(DISTINCT COALESCE('s' || sr.study_id, 'r' || s.record_id)) AS studies
       FROM screening_state s JOIN records r ON r.id = s.record_id
       LEFT JOIN study_reports sr ON sr.record_id = s.record_id
       WHERE s.project_id = ? AND s.stage = 'full_text' AND s.outcome = 'include' AND ${NOT_DUPLICATE}`,
  ).get(projectId) as { reports: number; studies: number };
}

/** Records included at full-text eligibility (agreed or resolved): the studies that get coded. */
export function includedReportIds(db: Db, projectId: number): number[] {
  const rows = prepared(
    db,
    `SELECT record_id AS id FROM screening_state
      WHERE project_id = ? AND stage = 'full_text' AND outcome = 'include' ORDER BY record_id`,
  ).all(projectId) as { id: number }[];
  return rows.map((r) => r.id);
}
