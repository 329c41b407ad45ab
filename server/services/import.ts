import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { getProject } from '../db/repos/projects';
import { recordWriter } from '../db/repos/records';
import { completeSource, findSourceByHash, insertSource } from '../db/repos/sources';
import type { SourceKind } from '../domain/source-kinds';
import type { Clock } from '../domain/clock';
import { ConflictError, ValidationError } from '../domain/errors';
import { parseFileEach } from '../domain/import';
import type { FormatId, ParseWarning } from '../domain/import/types';

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

export interface ImportFileInput extends FileInput {
  projectId: number;
  source: SourceInput;
  /** Re-import a file whose SHA-256 is already in the project. */
  force?: boolean;
}

export interface ImportBatchInput {
  projectId: number;
  source: SourceInput;
  files: FileInput[];
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

export interface ImportOptions {
  /** Called now and then while records are stored: (index of the file in the batch, records stored from it so far). */
  onProgress?: (fileIndex: number, stored: number) => void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROGRESS_EVERY = 2000;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function validateSource(source: SourceInput): void {
  if (source.name.trim() === '') throw new ValidationError('a source needs a name');
  if (!['database', 'register', 'other'].includes(source.kind)) {
    throw new ValidationError(`source kind must be database, register or other, not "${source.kind}"`);
  }
  if (source.searchDate && (!DATE.test(source.searchDate) || Number.isNaN(Date.parse(source.searchDate)))) {
    throw new ValidationError(`search date must be YYYY-MM-DD, not "${source.searchDate}"`);
  }
}

/** Imports one file as a new source of the project: all or nothing. */
export function importFile(db: Db, input: ImportFileInput, clock: Clock, options: ImportOptions = {}): ImportedSource {
  const { projectId, source, force, ...file } = input;
  return importFiles(db, { projectId, source, force, files: [file] }, clock, options)[0]!;
}

/**
 * Imports several files of one search, each as its own source, in ONE transaction (a savepoint
 * inside a caller's, so the CLI can add the project's creation to it): a refused re-import, an
 * unreadable file or a failing insert anywhere leaves the database exactly as it was.
 *
 * Records are stored as the parser reads them (parseFileEach), so a 100,000-record file is never
 * held in memory as records; the price is that the write transaction is open while parsing.
 * Re-imports are refused from the SHA-256 alone, before anything is parsed or written.
 */
export function importFiles(db: Db, input: ImportBatchInput, clock: Clock, options: ImportOptions = {}): ImportedSource[] {
  validateSource(input.source);
  if (input.files.length === 0) throw new ValidationError('no file to import');
  const hashed = input.files.map((file) => ({ file, hash: sha256(file.bytes) }));
  return db.transaction(() => {
    getProject(db, input.projectId);
    if (!input.force) refuseRepeats(db, input.projectId, hashed);
    const now = clock();
    return hashed.map(({ file, hash }, index) =>
      importOne(db, input, file, hash, now, options.onProgress && ((stored) => options.onProgress!(index, stored))),
    );
  })();
}

function importOne(
  db: Db,
  input: ImportBatchInput,
  file: FileInput,
  hash: string,
  now: Date,
  onProgress?: (stored: number) => void,
): ImportedSource {
  // The source row comes first (records point at it); what reading the file tells is filled in after.
  const { id: sourceId } = insertSource(db, {
    projectId: input.projectId,
    name: input.source.name.trim(),
    kind: input.source.kind,
    searchDate: input.source.searchDate ?? null,
    searchString: input.source.searchString ?? null,
    fileName: file.fileName,
    fileHash: hash,
    format: null,
    encoding: null,
    recordCount: 0,
    warnings: [],
    importedAt: now.toISOString(),
  });
  const writer = recordWriter(db, input.projectId, sourceId, now);
  const summary = parseFileEach(
    file.bytes,
    file.fileName,
    (record) => {
      writer.write(record);
      if (onProgress && writer.count % PROGRESS_EVERY === 0) onProgress(writer.count);
    },
    { format: file.format, encoding: file.encoding },
  );
  completeSource(db, input.projectId, sourceId, {
    format: summary.format,
    encoding: summary.encoding,
    recordCount: writer.count,
    warnings: summary.warnings,
  });
  onProgress?.(writer.count);
  return {
    sourceId,
    fileName: file.fileName,
    format: summary.format,
    encoding: summary.encoding,
    records: writer.count,
    warnings: summary.warnings,
  };
}

function refuseRepeats(db: Db, projectId: number, files: { file: FileInput; hash: string }[]): void {
  const seen = new Map<string, string>();
  for (const { file, hash } of files) {
    const earlier = findSourceByHash(db, projectId, hash);
    if (earlier) {
      throw new ConflictError(
        `${file.fileName} was already imported as source ${earlier.id} "${earlier.name}"` +
          `${earlier.fileName ? ` (${earlier.fileName})` : ''} on ${earlier.importedAt}; force the import (--force) to add it again`,
        { sourceId: earlier.id, sourceName: earlier.name, fileName: earlier.fileName },
      );
    }
    const twin = seen.get(hash);
    if (twin !== undefined) {
      throw new ConflictError(`${file.fileName} has the same content as ${twin} in this upload`, { fileName: twin });
    }
    seen.set(hash, file.fileName);
  }
}
