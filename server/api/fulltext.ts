/** The full-text API: …/fulltext… (retrieval of reports) and …/studies (reports grouped into studies). */

export type ReportStatus = 'sought' | 'retrieved' | 'not_retrievable';

/** A report sought after title/abstract, with its retrieval. */
export interface Report {
  recordId: number;
  title: string | null;
  year: number | null;
  doi: string | null;
  status: ReportStatus;
  hasPdf: boolean;
  pdfOriginalName: string | null;
  pdfSize: number | null;
  url: string | null;
  note: string | null;
  /** Why the report could not be retrieved, as given when it was marked so (null for others). */
  reason: string | null;
  updatedAt: string | null;
  studyId: number | null;
  studyLabel: string | null;
  /** Full-text screening status and outcome: only for callers who may see others' votes. */
  fullTextStatus?: string | null;
  fullTextOutcome?: 'include' | 'exclude' | null;
}

/** GET …/fulltext. */
export interface ReportListResponse {
  reports: Report[];
}

/** POST …/fulltext/:recordId/pdf. */
export interface PdfUploaded {
  recordId: number;
  status: 'retrieved';
  size: number;
}

/** POST …/fulltext/:recordId/link. */
export interface LinkSaved {
  recordId: number;
  status: 'retrieved';
  url: string;
}

/** POST …/fulltext/:recordId/not-retrievable with `{reason?, note?}` (both optional, at most 2,000 characters). */
export interface MarkedNotRetrievable {
  recordId: number;
  status: 'not_retrievable';
}

/** Several reports of one study (GET …/studies lists them; POST …/studies answers one). */
export interface Study {
  id: number;
  label: string;
  recordIds: number[];
}

export interface StudyListResponse {
  studies: Study[];
}
