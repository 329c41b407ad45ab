import type { ParseWarning, Role } from './common';

/** A project as the project routes show it, with the caller's role in it. */
export interface Project {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  /** Sources imported into the project. */
  sources: number;
  /** Records imported (duplicates included). */
  records: number;
  role: Role;
}

/** GET /api/projects: the caller's projects only. */
export interface ProjectListResponse {
  projects: Project[];
}

/** POST /api/projects, GET/PATCH /api/projects/:projectId. */
export interface ProjectResponse {
  project: Project;
}

export type SourceKind = 'database' | 'register' | 'other';

/** GET …/sources: one search (an imported file) and its records. */
export interface Source {
  id: number;
  name: string;
  kind: SourceKind;
  searchDate: string | null;
  searchString: string | null;
  fileName: string | null;
  fileHash: string | null;
  format: string | null;
  encoding: string | null;
  /** Records the import stored. */
  recordCount: number;
  /** Counted from the records table; equals recordCount unless records were removed since. */
  records: number;
  warnings: ParseWarning[];
  importedAt: string;
}

export interface SourceListResponse {
  sources: Source[];
}

/** One imported file, in the same shape as `sift import --json` prints it. */
export interface ImportedFile {
  id: number;
  file: string;
  format: string;
  encoding: string;
  records: number;
  warnings: ParseWarning[];
}

/** POST …/sources: every file of the upload, and the records they added together. */
export interface ImportResponse {
  sources: ImportedFile[];
  records: number;
}

/** GET …/records: a record without its abstract and raw fields. */
export interface RecordSummary {
  id: number;
  sourceId: number;
  position: number;
  /** The identifier the record had in its file (RIS ID, BibTeX key, PMID…). */
  sourceRecordId: string | null;
  type: string | null;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

export interface RecordPage {
  total: number;
  offset: number;
  limit: number;
  items: RecordSummary[];
}

/** GET …/records/:recordId: normalised fields, the raw tagged fields as imported, and provenance. */
export interface RecordDetail extends RecordSummary {
  volume: string | null;
  issue: string | null;
  pages: string | null;
  isbn: string | null;
  issn: string | null;
  abstract: string | null;
  keywords: string[];
  language: string | null;
  url: string | null;
  raw: [tag: string, value: string][];
  createdAt: string;
  source: { id: number; name: string; kind: string; fileName: string | null; format: string | null };
  /** The record this one duplicates (set by deduplication), or null. */
  duplicateOf: number | null;
}

export interface RecordResponse {
  record: RecordDetail;
}
