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
  /** When failed or cancelled: the error body's code and message (nothing was imported). */
  error: { code: string; message: string } | null;
}

export interface ImportJobResponse {
  job: ImportJob;
}
