import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { getProject } from '../db/repos/projects';
import { insertRecords } from '../db/repos/records';
import { findSourceByHash, insertSource, type Source, type SourceKind } from '../db/repos/sources';
import type { Clock } from '../domain/clock';
import { ConflictError, ValidationError } from '../domain/errors';
import { parseFile } from '../domain/import';
import type { FormatId, ParseResult, ParseWarning } from '../domain/import/types';

/** The search a file came from, as PRISMA's identification box needs it. */
export interface SourceInput {
  name: string;
  kind: SourceKind;
  /** ISO date (YYYY-MM-DD) the search was run. */
  searchDate?: string | null;
  searchString?: string | null;
}

export interface ImportFileInput {
  projectId: number;
  fileName: string;
  bytes: Uint8Array;
  source: SourceInput;
  /** Skips content sniffing: read the file as this format. */
  format?: FormatId;
  /** Decode with this encoding (windows-1252, gbk, …) instead of detecting it. */
  encoding?: string;
  /** Re-import a file whose SHA-256 is already in the project. */
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
  /** Reports progress while records are stored: (file index, stored, total in that file). */
  onProgress?: (fileIndex: number, stored: number, total: number) => void;
}

export interface ImportBatchInput {
  projectId: number;
  source: SourceInput;
  files: { fileName: string; bytes: Uint8Array; format?: FormatId; encoding?: string }[];
  force?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
export function importFile(
  db: Db,
  input: ImportFileInput,
  clock: Clock,
  options: ImportOptions = {},
): ImportedSource {
  const [result] = importFiles(
    db,
    {
      projectId: input.projectId,
      source: input.source,
      files: [
        { fileName: input.fileName, bytes: input.bytes, format: input.format, encoding: input.encoding },
      ],
      force: input.force,
    },
    clock,
    options,
  );
  return result!;
}

/** A file read and parsed, not yet stored: parsing happens before any transaction opens. */
export interface ParsedFile {
  fileName: string;
  hash: string;
  result: ParseResult;
}

/** Parses every file (throws ParseError naming file and line on the first unreadable one). */
export function parseFiles(files: ImportBatchInput['files']): ParsedFile[] {
  return files.map((file) => ({
    fileName: file.fileName,
    hash: sha256(file.bytes),
    result: parseFile(file.bytes, file.fileName, { format: file.format, encoding: file.encoding }),
  }));
}

export interface StoreInput {
  projectId: number;
  source: SourceInput;
  files: ParsedFile[];
  force?: boolean;
}

/**
 * Stores parsed files, each as its own source, in ONE transaction (a savepoint inside a caller's):
 * a refused re-import or a failing insert in any file leaves the database exactly as it was.
 */
export function storeParsedFiles(
  db: Db,
  input: StoreInput,
  clock: Clock,
  options: ImportOptions = {},
): ImportedSource[] {
  validateSource(input.source);
  if (input.files.length === 0) throw new ValidationError('no file to import');
  return db.transaction(() => {
    getProject(db, input.projectId);
    if (!input.force) refuseRepeats(db, input.projectId, input.files);
    const now = clock();
    return input.files.map(({ fileName, hash, result }, index): ImportedSource => {
      const source = insertSource(db, {
        projectId: input.projectId,
        name: input.source.name.trim(),
        kind: input.source.kind,
        searchDate: input.source.searchDate ?? null,
        searchString: input.source.searchString ?? null,
        fileName,
        fileHash: hash,
        format: result.format,
        encoding: result.encoding,
        recordCount: result.records.length,
        warnings: result.warnings,
        importedAt: now.toISOString(),
      });
      insertRecords(db, input.projectId, source.id, result.records, now, {
        onProgress:
          options.onProgress && ((stored) => options.onProgress!(index, stored, result.records.length)),
      });
      return present(source, result);
    });
  })();
}

/** Imports several files of one search, each as its own source, all or nothing. */
export function importFiles(
  db: Db,
  input: ImportBatchInput,
  clock: Clock,
  options: ImportOptions = {},
): ImportedSource[] {
  validateSource(input.source);
  if (input.files.length === 0) throw new ValidationError('no file to import');
  getProject(db, input.projectId);
  const files = parseFiles(input.files);
  return storeParsedFiles(
    db,
    { projectId: input.projectId, source: input.source, files, force: input.force },
    clock,
    options,
  );
}

function refuseRepeats(db: Db, projectId: number, parsed: ParsedFile[]): void {
  const seen = new Map<string, string>();
  for (const file of parsed) {
    const hash = file.hash;
    const earlier: Source | undefined = findSourceByHash(db, projectId, hash);
    if (earlier) {
      throw new ConflictError(
        `${file.fileName} was already imported as source ${earlier.id} "${earlier.name}"` +
          `${earlier.fileName ? ` (${earlier.fileName})` : ''} on ${earlier.importedAt}; force the import (--force) to add it again`,
        { sourceId: earlier.id, sourceName: earlier.name, fileName: earlier.fileName },
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

function present(source: Source, result: ParseResult): ImportedSource {
  return {
    sourceId: source.id,
    fileName: source.fileName ?? '',
    format: result.format,
    encoding: result.encoding,
    records: result.records.length,
    warnings: result.warnings,
  };
}
