import { ConflictError, DomainError, ImportCancelledError, NotFoundError } from '../domain/errors';
import {
  importPrepared,
  prepareImport,
  type ImportBatch,
  type ImportDeps,
  type ImportedSource,
  type ImportOptions,
  type ImportProgress,
} from './import';

/**
 * A job waits for a reader, reads its files, then stores them (one synchronous transaction, so
 * no request ever sees a job storing) and ends done, failed or cancelled.
 */
export type ImportJobStatus = 'waiting' | 'reading' | 'done' | 'failed' | 'cancelled';
/** A file waits, is read, and is stored when the whole job is. */
export type ImportFileStatus = 'waiting' | 'reading' | 'read' | 'stored';

/** One import as the browser follows it: each file's progress, then the result or the refusal. */
export interface ImportJobState {
  id: number;
  projectId: number;
  status: ImportJobStatus;
  files: { file: string; status: ImportFileStatus; records: number }[];
  startedAt: Date;
  finishedAt: Date | null;
  result: ImportedSource[] | null;
  error: { code: string; message: string; details?: unknown } | null;
}

/** A finished job is kept this long for the browser to fetch its result, and at most this many. */
const KEEP_MS = 15 * 60_000;
const KEEP_FINISHED = 200;

const FINISHED: ReadonlySet<ImportJobStatus> = new Set(['done', 'failed', 'cancelled']);

/**
 * Import jobs: an upload imported in the background (importFiles: files read in the worker
 * pool, then stored in one transaction) that the browser polls for progress and may cancel
 * while the files are read. The jobs of one app live in its memory; a restart forgets them (an
 * unfinished one imported nothing). `POST …/sources` stays the one-request way for scripts.
 */
export class ImportJobs {
  private readonly jobs = new Map<number, { state: ImportJobState; abort: AbortController }>();
  private nextId = 1;

  /**
   * Checks the upload as importFiles does before reading (refusing at once what cannot start),
   * then imports it in the background; returns the job, waiting for a reader. A file already
   * imported ends the job failed (conflict) as soon as the worker has hashed it.
   */
  start(
    deps: ImportDeps,
    projectId: number,
    batch: ImportBatch,
    options: Pick<ImportOptions, 'handOver'> = {},
  ): ImportJobState {
    prepareImport(deps.db, projectId, batch);
    this.prune(deps.clock());
    const state: ImportJobState = {
      id: this.nextId++,
      projectId,
      status: 'waiting',
      files: batch.files.map((file) => ({ file: file.fileName, status: 'waiting', records: 0 })),
      startedAt: deps.clock(),
      finishedAt: null,
      result: null,
      error: null,
    };
    const abort = new AbortController();
    this.jobs.set(state.id, { state, abort });
    const onProgress = ({ file, phase, records }: ImportProgress): void => {
      if (phase === 'storing') return;
      state.status = phase;
      state.files[file] = { ...state.files[file]!, status: phase, records };
      if (file > 0) state.files[file - 1]!.status = 'read';
    };
    importPrepared(deps, projectId, batch, { ...options, onProgress, signal: abort.signal }).then(
      (result) => {
        state.result = result;
        state.files = result.map((source) => ({
          file: source.fileName,
          status: 'stored',
          records: source.records,
        }));
        this.finish(state, 'done', deps.clock());
      },
      (error: unknown) => {
        if (error instanceof DomainError)
          state.error = {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          };
        else {
          console.error(error);
          state.error = { code: 'internal', message: 'internal server error' };
        }
        this.finish(state, error instanceof ImportCancelledError ? 'cancelled' : 'failed', deps.clock());
      },
    );
    return state;
  }

  /** A job of the project; 404 for an unknown one or one of another project. */
  get(projectId: number, id: number): ImportJobState {
    const job = this.jobs.get(id);
    if (!job || job.state.projectId !== projectId) throw new NotFoundError(`no import ${id} in this project`);
    return job.state;
  }

  /**
   * Stops a job while its files are read: the worker reading is terminated, nothing is stored,
   * and the job ends "cancelled". A job that has finished cannot be cancelled (409).
   */
  cancel(projectId: number, id: number): ImportJobState {
    const state = this.get(projectId, id);
    if (FINISHED.has(state.status))
      throw new ConflictError(`import ${id} has already ended (${state.status})`);
    this.jobs.get(id)!.abort.abort();
    return state;
  }

  private finish(state: ImportJobState, status: ImportJobStatus, now: Date): void {
    state.status = status;
    state.finishedAt = now;
  }

  private prune(now: Date): void {
    const finished = [...this.jobs.values()].filter(({ state }) => state.finishedAt !== null);
    for (const [index, { state }] of finished.entries()) {
      const expired = now.getTime() - state.finishedAt!.getTime() > KEEP_MS;
      if (expired || index < finished.length - KEEP_FINISHED) this.jobs.delete(state.id);
    }
  }
}
