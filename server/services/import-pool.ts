import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportedValues } from '../db/repos/records';
import { ImportBudgetError, ImportCancelledError, ParseError } from '../domain/errors';
import type { FormatId, ParseWarning } from '../domain/import';
import { DEFAULT_IMPORT_BUDGET, overBudgetMessage, type ImportBudget } from './import-budget';
import type { ReadMessage, ReadRequest, SentError } from './import-worker';

/** One file for the pool to read. */
export interface FileToRead {
  fileName: string;
  bytes: Uint8Array;
  format?: FormatId;
  encoding?: string;
}

/** A file read by a worker: its records as stored values, in batches, and what reading found. */
export interface ReadFile {
  fileName: string;
  /** SHA-256 of the file's bytes, in hex. */
  hash: string;
  format: FormatId;
  encoding: string;
  count: number;
  warnings: ParseWarning[];
  batches: ImportedValues[][];
}

export interface ReadHooks {
  /** A worker has started reading the file (it may have waited for one). */
  onStart?: () => void;
  /** Records read so far. */
  onProgress?: (read: number) => void;
  /** Aborting it stops the reading (the worker is terminated) and rejects with ImportCancelledError. */
  signal?: AbortSignal;
  /** The file's SHA-256, before its records; what it throws stops the reading and rejects with it. */
  onHashed?: (hash: string) => void;
  /** Move the bytes to the worker instead of copying them (they are empty afterwards). */
  handOver?: boolean;
}

/** An idle worker ends after this long, so an idle server holds no thread. */
const IDLE_MS = 60_000;

interface Task {
  id: number;
  file: FileToRead;
  hooks: ReadHooks;
  resolve: (file: ReadFile) => void;
  reject: (error: unknown) => void;
}

/**
 * A small pool of worker threads that read imported files (import-worker.ts), so requests keep
 * being served while a file is parsed, with a budget per file: a timer terminates a worker that
 * reads for longer than `budget.timeMs`, and V8 terminates one whose heap passes
 * `budget.memoryMb`; a worker stops at `budget.maxRecords` records. Each way the read is refused
 * with ImportBudgetError (a terminated worker is replaced for the next file). At most `budget.workers` files are read at once; others wait.
 */
export class ImportPool {
  private readonly idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private readonly waiting: Task[] = [];
  private running = 0;
  private nextId = 1;
  private closed = false;

  constructor(readonly budget: ImportBudget = DEFAULT_IMPORT_BUDGET) {}

  /** Reads one file in a worker; rejects with ParseError, ImportBudgetError or ImportCancelledError. */
  read(file: FileToRead, hooks: ReadHooks = {}): Promise<ReadFile> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the import pool is closed'));
      if (hooks.signal?.aborted) return reject(cancelled(file.fileName));
      const task: Task = { id: this.nextId++, file, hooks, resolve, reject };
      hooks.signal?.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(task);
          if (at >= 0) {
            this.waiting.splice(at, 1);
            reject(cancelled(file.fileName));
          }
        },
        { once: true },
      );
      this.waiting.push(task);
      this.dispatch();
    });
  }

  /** Ends every worker; files still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('the import pool is closed'));
    await Promise.all(
      this.idle.splice(0).map(({ worker, timer }) => {
        clearTimeout(timer);
        return worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.running < this.budget.workers) {
      const task = this.waiting.shift()!;
      const idle = this.idle.pop();
      if (idle) clearTimeout(idle.timer);
      this.running++;
      try {
        this.run(task, idle?.worker ?? this.spawn());
      } catch (error) {
        // A worker that cannot start (its file missing from a broken build) fails this file, not the pool.
        this.running--;
        task.reject(error);
      }
    }
  }

  private spawn(): Worker {
    const options = { resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb } };
    const entry = workerEntry();
    // From the TypeScript sources (tests, tsx) the worker compiles them through tsx, as bin/sift.js does.
    return entry.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { ...options, eval: true })
      : new Worker(entry, options);
  }

  private run(task: Task, worker: Worker): void {
    const { file, hooks } = task;
    const batches: ImportedValues[][] = [];
    let hash = '';
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    worker.ref();

    const finish = (outcome: { file: ReadFile } | { error: unknown }, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      hooks.signal?.removeEventListener('abort', onAbort);
      this.running--;
      if (reusable && !this.closed) this.park(worker);
      else {
        // A thread being stopped never keeps the process alive.
        worker.unref();
        void worker.terminate();
      }
      if ('file' in outcome) task.resolve(outcome.file);
      else task.reject(outcome.error);
      this.dispatch();
    };
    const stop = (error: Error): void => finish({ error }, false);

    const onMessage = (message: ReadMessage): void => {
      if (message.job !== task.id) return;
      if (message.type === 'started') {
        hooks.onStart?.();
        timer = setTimeout(
          () => stop(new ImportBudgetError(overBudgetMessage(file.fileName, this.budget, 'timeMs'))),
          this.budget.timeMs,
        );
      } else if (message.type === 'hashed') {
        hash = message.hash;
        try {
          hooks.onHashed?.(hash);
        } catch (error) {
          stop(error as Error);
        }
      } else if (message.type === 'batch') {
        batches.push(message.rows);
        hooks.onProgress?.(message.read);
      } else if (message.type === 'done') {
        const { format, encoding, count, warnings } = message;
        finish({ file: { fileName: file.fileName, hash, format, encoding, count, warnings, batches } }, true);
      } else if (message.error.kind === 'too-many-records') {
        finish(
          { error: new ImportBudgetError(overBudgetMessage(file.fileName, this.budget, 'maxRecords')) },
          true,
        );
      } else {
        finish({ error: received(message.error) }, true);
      }
    };
    const onError = (error: Error & { code?: string }): void => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        stop(new ImportBudgetError(overBudgetMessage(file.fileName, this.budget, 'memoryMb')));
      } else stop(error);
    };
    const onExit = (code: number): void =>
      stop(new Error(`the import worker stopped unexpectedly (exit code ${code})`));
    const onAbort = (): void => stop(cancelled(file.fileName));

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    const request: ReadRequest = { job: task.id, ...file, maxRecords: this.budget.maxRecords };
    // Copying 100 MB to the worker would stall this thread for a tenth of a second or more: bytes
    // the caller gives up move instead, when they fill their buffer (a pooled slice cannot move).
    const { bytes } = file;
    const movable = hooks.handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    try {
      worker.postMessage(
        request,
        movable && !(bytes.buffer instanceof SharedArrayBuffer) ? [bytes.buffer] : [],
      );
    } catch (error) {
      stop(error as Error);
    }
  }

  /** Keeps a worker for the next file; it ends after IDLE_MS unused and never keeps the process alive. */
  private park(worker: Worker): void {
    worker.unref();
    const entry = {
      worker,
      timer: setTimeout(() => {
        const at = this.idle.indexOf(entry);
        if (at >= 0) this.idle.splice(at, 1);
        void worker.terminate();
      }, IDLE_MS).unref(),
    };
    this.idle.push(entry);
  }
}

/**
 * The worker's file: next to this module both in the sources (import-worker.ts, run through
 * tsx) and in the build, where scripts/build-server.mjs bundles it as dist/import-worker.js
 * beside dist/cli.js (this module's code is inside cli.js there).
 */
export function workerEntry(): string {
  return path.join(__dirname, `import-worker${path.extname(__filename) === '.ts' ? '.ts' : '.js'}`);
}

function cancelled(fileName: string): ImportCancelledError {
  return new ImportCancelledError(`${fileName}: the import was cancelled; nothing was imported`);
}

function received(error: Exclude<SentError, { kind: 'too-many-records' }>): Error {
  if (error.kind === 'parse') return new ParseError(error.file, error.line, error.reason);
  return Object.assign(new Error(`import worker: ${error.message}`), { stack: error.stack });
}

let shared: ImportPool | null = null;

/** The process's pool with the default budget, for an app or a command not given one. */
export function defaultImportPool(): ImportPool {
  shared ??= new ImportPool(DEFAULT_IMPORT_BUDGET);
  return shared;
}
