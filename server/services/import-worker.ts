/**
 * The import worker: a worker thread (started by import-pool.ts) that reads uploaded files, so
 * parsing never runs on the thread that answers requests. It takes one file at a time and sends
 * its records back in batches, as the values the records table stores (plain strings and
 * numbers, cheap to pass between threads), then a summary; a file it cannot read comes back as
 * the ParseError's parts. The pool enforces the time and memory budget from outside (a timer
 * that terminates this thread; V8's heap limits for it).
 *
 * Built as a second entry point next to the CLI (scripts/build-server.mjs → dist/import-worker.js);
 * from the sources it runs through tsx.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { importedValues, type ImportedValues } from '../db/repos/records';
import { ParseError } from '../domain/errors';
import { parseFileEach, type FormatId, type ParseWarning } from '../domain/import';

/** One file to read. */
export interface ReadRequest {
  job: number;
  fileName: string;
  bytes: Uint8Array;
  format?: FormatId;
  encoding?: string;
  /** More records than this stop the reading (the pool's record limit). */
  maxRecords: number;
}

/** What the worker reports while and after reading one file. */
export type ReadMessage =
  | { job: number; type: 'started' }
  | { job: number; type: 'hashed'; hash: string }
  | { job: number; type: 'batch'; rows: ImportedValues[]; read: number }
  | { job: number; type: 'done'; format: FormatId; encoding: string; count: number; warnings: ParseWarning[] }
  | { job: number; type: 'failed'; error: SentError };

/** An error, taken apart to cross the thread boundary (classes do not survive cloning). */
export type SentError =
  | { kind: 'parse'; file: string; line: number | null; reason: string }
  | { kind: 'too-many-records' }
  | { kind: 'bug'; message: string; stack?: string };

/** Records per message: large enough to keep messages few, small enough to report progress often. */
const BATCH = 500;

function send(message: ReadMessage): void {
  parentPort!.postMessage(message);
}

function read(request: ReadRequest): void {
  let batch: ImportedValues[] = [];
  let read = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    send({ job: request.job, type: 'batch', rows: batch, read });
    batch = [];
  };
  // The pool's clock for the time budget starts now, not while this thread was starting.
  send({ job: request.job, type: 'started' });
  // Hashing 100 MB takes a tenth of a second: here, not on the thread that serves requests.
  send({ job: request.job, type: 'hashed', hash: createHash('sha256').update(request.bytes).digest('hex') });
  try {
    const summary = parseFileEach(
      request.bytes,
      request.fileName,
      (record) => {
        if (read === request.maxRecords) throw TOO_MANY;
        batch.push(importedValues(record));
        read++;
        if (batch.length >= BATCH) flush();
      },
      { format: request.format, encoding: request.encoding },
    );
    flush();
    send({
      job: request.job,
      type: 'done',
      format: summary.format,
      encoding: summary.encoding,
      count: summary.count,
      warnings: summary.warnings,
    });
  } catch (error) {
    send({ job: request.job, type: 'failed', error: sendable(error) });
  }
}

const TOO_MANY = Symbol('too many records');

function sendable(error: unknown): SentError {
  if (error === TOO_MANY) return { kind: 'too-many-records' };
  if (error instanceof ParseError)
    return { kind: 'parse', file: error.file, line: error.line, reason: error.reason };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'bug', message: e.message, stack: e.stack };
}

if (parentPort) parentPort.on('message', (request: ReadRequest) => read(request));
