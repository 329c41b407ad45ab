import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import type { AlreadyImported } from '../api/types';
import { getProject } from '../db/repos/projects';
import { importedValues, recordWriter, type ImportedValues } from '../db/repos/records';
import { completeSource, findSourceByHash, insertSource } from '../db/repos/sources';
import { ConflictError, ValidationError } from '../domain/errors';
import { parseFileEach } from '../domain/import';
import type { FormatId, ParseWarning } from '../domain/import/types';
import { SOURCE_KINDS, type SourceKind } from '../domain/source-kinds';
import type { ServiceDeps } from './deps';
import type { ImportPool, ReadFile } from './import-pool';

/** The search a file came from, as PRISMA's identification box needs it. */
export interface SourceInput {
  name: string;
  kind: SourceKind;
  /** ISO date (YYYY-MM-DD) the search was run. */
  searchDate?: string | null;
  searchString?: string | null;
}

/** One file to import, as uploaded or read from disk. */
export interface FileInput {
  fileName: string;
  bytes: Uint8Array;
  /** Skips content sniffing: read the file as this format. */
  format?: FormatId;
  /** Decode with this encoding (windows-1252, gbk, …) instead of detecting it. */
  encoding?: string;
}

/** The files of one search, each imported as its own source. */
export interface ImportBatch {
  source: SourceInput;
  files: FileInput[];
  /** Re-import files whose SHA-256 is already in the project. */
  force?: boolean;
}

/** One file of one search. */
export interface ImportFileInput extends FileInput {
  source: SourceInput;
  force?: boolean;
}

export interface ImportedSource {
  sourceId: number;
  fileName: string;
  format: FormatId;
  encoding: string;
  records: number;
  warnings: ParseWarning[];
}

/** What the import services need: the database, the clock and the pool that reads files. */
export interface ImportDeps extends ServiceDeps {
  imports: ImportPool;
}

/** Where an import is: which file (0-based), reading it in a worker or storing it, and how many records so far. */
export interface ImportProgress {
  file: number;
  phase: 'waiting' | 'reading' | 'storing';
  records: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels the import while its files are read (ImportCancelledError); storing is not interrupted. */
  signal?: AbortSignal;
  /**
   * The caller gives the files' bytes up (an upload's buffers, a file read for this import):
   * they are moved to the reading thread instead of copied, and are empty afterwards.
   */
  handOver?: boolean;
}

/** A batch whose files have been read, ready to store. */
export interface ReadBatch {
  source: SourceInput;
  force: boolean;
  files: { hash: string; read: ReadFile }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROGRESS_EVERY = 2000;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Imports the files of one search into a project, each as its own source, all or nothing. The
 * files are hashed and read by the pool's worker threads, within its time and memory budget,
 * while this thread goes on serving requests; then every record is stored in ONE transaction (a
 * savepoint inside a caller's), so a refused re-import, an unreadable file, a file over budget, a
 * cancellation or a failing insert leaves the database exactly as it was. A re-import is refused
 * from the file's SHA-256 alone, as soon as the worker has it (and checked again when storing).
 */
export async function importFiles(
  deps: ImportDeps,
  projectId: number,
  batch: ImportBatch,
  options: ImportOptions = {},
): Promise<ImportedSource[]> {
  prepareImport(deps.db, projectId, batch);
  return importPrepared(deps, projectId, batch, options);
}

/** importFiles for one file. */
export async function importFile(
  deps: ImportDeps,
  projectId: number,
  input: ImportFileInput,
  options: ImportOptions = {},
): Promise<ImportedSource> {
  const { source, force, ...file } = input;
  const [imported] = await importFiles(deps, projectId, { source, force, files: [file] }, options);
  return imported!;
}

/**
 * What importFiles checks before any file is read: the source's fields, at least one file, the
 * project. The import jobs call it first, so an upload that cannot start is refused at once.
 */
export function prepareImport(db: Db, projectId: number, batch: ImportBatch): void {
  validateBatch(batch);
  getProject(db, projectId);
}

/** importFiles after prepareImport: reads the files in the pool (refusing repeats by hash), then stores them. */
export async function importPrepared(
  deps: ImportDeps,
  projectId: number,
  batch: ImportBatch,
  options: ImportOptions = {},
): Promise<ImportedSource[]> {
  const seen = new Map<string, string>();
  const checkHash = (hash: string, index: number): void => {
    if (!batch.force) refuseRepeats(deps.db, projectId, [{ file: batch.files[index]!, hash }], seen);
  };
  const read = await readBatch(deps.imports, batch, { ...options, checkHash });
  return storeBatch(deps, projectId, read, options);
}

/**
 * The first half of importFiles, for a caller that stores several batches in a transaction of
 * its own (`sift import` creates the project in the same one): reads a batch's files, one after
 * the other, in the pool. `checkHash` sees each file's SHA-256 before its records are used;
 * what it throws refuses the import.
 */
export async function readBatch(
  pool: ImportPool,
  batch: ImportBatch,
  options: ImportOptions & { checkHash?: (hash: string, index: number) => void } = {},
): Promise<ReadBatch> {
  validateBatch(batch);
  const files: ReadBatch['files'] = [];
  for (const [index, file] of batch.files.entries()) {
    const progress = (phase: ImportProgress['phase'], records: number) =>
      options.onProgress?.({ file: index, phase, records });
    progress('waiting', 0);
    const read = await pool.read(file, {
      signal: options.signal,
      handOver: options.handOver,
      onHashed: options.checkHash && ((hash) => options.checkHash!(hash, index)),
      onStart: () => progress('reading', 0),
      onProgress: (records) => progress('reading', records),
    });
    files.push({ hash: read.hash, read });
  }
  return { source: batch.source, force: batch.force ?? false, files };
}

/**
 * The second half of importFiles: stores read files in one transaction (a savepoint inside a
 * caller's) and returns what each became. Runs on the calling thread: about 40,000 records a
 * second, while other requests wait.
 */
export function storeBatch(
  deps: ServiceDeps,
  projectId: number,
  batch: ReadBatch,
  options: Pick<ImportOptions, 'onProgress'> = {},
): ImportedSource[] {
  const { db } = deps;
  return db.transaction(() => {
    getProject(db, projectId);
    if (!batch.force) {
      refuseRepeats(
        db,
        projectId,
        batch.files.map(({ hash, read }) => ({ file: { fileName: read.fileName }, hash })),
      );
    }
    const now = deps.clock();
    return batch.files.map(({ hash, read }, index) =>
      storeFile(db, projectId, batch.source, read, hash, now, (records) =>
        options.onProgress?.({ file: index, phase: 'storing', records }),
      ),
    );
  })();
}

/**
 * importFiles for files Sift itself ships (the demo review): read on the calling thread, with
 * no budget, so the demo can be built inside one synchronous transaction. Never for uploads.
 */
export function importOwnFiles(deps: ServiceDeps, projectId: number, batch: ImportBatch): ImportedSource[] {
  validateBatch(batch);
  const files = batch.files.map((file) => {
    const values: ImportedValues[] = [];
    const summary = parseFileEach(
      file.bytes,
      file.fileName,
      (record) => values.push(importedValues(record)),
      file,
    );
    const hash = sha256(file.bytes);
    return { hash, read: { fileName: file.fileName, hash, ...summary, batches: [values] } };
  });
  return storeBatch(deps, projectId, { source: batch.source, force: batch.force ?? false, files });
}

/**
 * Refuses, before anything is read, files already imported into the project or given twice
 * (for a caller that hashes the files itself: `sift import`).
 */
export function refuseRepeatedFiles(db: Db, projectId: number, batch: ImportBatch, hashes: string[]): void {
  if (!batch.force)
    refuseRepeats(
      db,
      projectId,
      batch.files.map((file, i) => ({ file, hash: hashes[i]! })),
    );
}

function validateBatch(batch: ImportBatch): void {
  validateSource(batch.source);
  if (batch.files.length === 0) throw new ValidationError('no file to import');
}

function validateSource(source: SourceInput): void {
  if (source.name.trim() === '') throw new ValidationError('a source needs a name');
  if (!(SOURCE_KINDS as readonly string[]).includes(source.kind)) {
    throw new ValidationError(`source kind must be database, register or other, not "${source.kind}"`);
  }
  if (source.searchDate && (!DATE.test(source.searchDate) || Number.isNaN(Date.parse(source.searchDate)))) {
    throw new ValidationError(`search date must be YYYY-MM-DD, not "${source.searchDate}"`);
  }
}

function storeFile(
  db: Db,
  projectId: number,
  source: SourceInput,
  read: ReadFile,
  hash: string,
  now: Date,
  onProgress: (stored: number) => void,
): ImportedSource {
  // The source row comes first (records point at it); what reading the file told is filled in after.
  const { id: sourceId } = insertSource(db, {
    projectId,
    name: source.name.trim(),
    kind: source.kind,
    searchDate: source.searchDate ?? null,
    searchString: source.searchString ?? null,
    fileName: read.fileName,
    fileHash: hash,
    format: null,
    encoding: null,
    recordCount: 0,
    warnings: [],
    importedAt: now.toISOString(),
  });
  const writer = recordWriter(db, projectId, sourceId, now);
  for (const batch of read.batches) {
    for (const values of batch) {
      writer.writeValues(values);
      if (writer.count % PROGRESS_EVERY === 0) onProgress(writer.count);
    }
  }
  completeSource(db, projectId, sourceId, {
    format: read.format,
    encoding: read.encoding,
    recordCount: writer.count,
    warnings: read.warnings,
  });
  onProgress(writer.count);
  return {
    sourceId,
    fileName: read.fileName,
    format: read.format,
    encoding: read.encoding,
    records: writer.count,
    warnings: read.warnings,
  };
}

function refuseRepeats(
  db: Db,
  projectId: number,
  files: { file: Pick<FileInput, 'fileName'>; hash: string }[],
  seen = new Map<string, string>(),
): void {
  for (const { file, hash } of files) {
    const earlier = findSourceByHash(db, projectId, hash);
    if (earlier) {
      throw new ConflictError(
        `${file.fileName} was already imported as source ${earlier.id} "${earlier.name}"` +
          `${earlier.fileName ? ` (${earlier.fileName})` : ''} on ${earlier.importedAt}; force the import (--force) to add it again`,
        {
          reason: 'already_imported',
          file: file.fileName,
          sourceId: earlier.id,
          sourceName: earlier.name,
          fileName: earlier.fileName,
          importedAt: earlier.importedAt,
        } satisfies AlreadyImported,
      );
    }
    const twin = seen.get(hash);
    if (twin !== undefined) {
      throw new ConflictError(`${file.fileName} has the same content as ${twin} in this upload`, {
        fileName: twin,
      });
    }
    seen.set(hash, file.fileName);
  }
}
