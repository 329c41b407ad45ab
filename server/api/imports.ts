import type { ImportResponse } from './projects';

/** Where an import job is: waiting for a reader, reading its files, or finished (stored, refused or cancelled). */
export type ImportJobStatus = 'waiting' | 'reading' | 'done' | 'failed' | 'cancelled';

/** One file of an import job and how far it got. */
export interface ImportJobFile {
  file: string;
  /** A file is stored only when every file of the job has been read. */
  status: 'waiting' | 'reading' | 'read' | 'stored';
  /** Records read so far (stored, once the job is done). */
  records: number;
}

/**
 * POST …/imports starts one (202), GET …/imports/:importId shows it, POST …/imports/:importId/cancel
 * stops it while its files are read. Jobs live in the server's memory for a while after they end.
 */
export interface ImportJob {
  id: number;
  status: ImportJobStatus;
  files: ImportJobFile[];
  /** Records read or stored so far, all files together. */
  records: number;
  startedAt: string;
  finishedAt: string | null;
  /** When done: what POST …/sources answers for the same upload. */
  result: ImportResponse | null;
  /**
   * When failed or cancelled: the error body's code, message and details (nothing was imported);
   * a file imported before is refused with `AlreadyImported` details.
   */
  error: { code: string; message: string; details?: unknown } | null;
}

/**
 * The details of the refusal (code "conflict") of a file whose content was imported before: the
 * browser says when and as what, and offers to import it again (the upload's `force`).
 */
export interface AlreadyImported {
  reason: 'already_imported';
  /** The file refused now. */
  file: string;
  sourceId: number;
  sourceName: string;
  /** The file name the earlier import had, if any. */
  fileName: string | null;
  /** When the earlier import was made (ISO 8601). */
  importedAt: string;
}

export interface ImportJobResponse {
  job: ImportJob;
}
