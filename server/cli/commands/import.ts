import { SingleBar } from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../domain/clock';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { FORMAT_IDS, type FormatId, type ParseWarning } from '../../domain/import/types';
import { SOURCE_KINDS, type SourceKind } from '../../domain/source-kinds';
import type { Db } from '../../db/connection';
import {
  prepareImport,
  readBatch,
  refuseRepeatedFiles,
  sha256,
  storeBatch,
  type FileInput,
  type ImportBatch,
  type ImportedSource,
  type ImportProgress,
  type ReadBatch,
  type SourceInput,
} from '../../services/import';
import { ImportPool } from '../../services/import-pool';
import { parseCommandArgs, required } from '../args';
import { IMPORT_BUDGET_OPTIONS, importBudgetOf } from '../import-budget';
import { resolveCliProject, withDb } from '../database';
import type { CommandIO } from '../types';

/** Text output lists this many warnings per file; --json always carries all of them. */
const SHOWN_WARNINGS = 20;

/**
 * `sift import`: every file read in the import worker pool (the budget of --import-time-limit,
 * --import-memory-limit or their environment variables), then stored with the project, when it
 * is new, in one transaction; it may create the database.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals: files } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    source: { type: 'string' },
    kind: { type: 'string', default: 'database' },
    'search-date': { type: 'string' },
    'search-string': { type: 'string' },
    format: { type: 'string' },
    encoding: { type: 'string' },
    force: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    ...IMPORT_BUDGET_OPTIONS,
  });
  const dbFile = required(values.db, 'db');
  if (files.length === 0) throw new ValidationError('name at least one FILE to import');
  const kind = values.kind as string;
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationError(`--kind must be one of ${SOURCE_KINDS.join(', ')}, not "${kind}"`);
  }
  const format = values.format as FormatId | undefined;
  if (format !== undefined && !(FORMAT_IDS as readonly string[]).includes(format)) {
    throw new ValidationError(`--format must be one of ${FORMAT_IDS.join(', ')}, not "${format}"`);
  }

  const interactive = io.stdout.isTTY === true && values.json !== true;
  const inputs: FileInput[] = files.map((file) => ({
    fileName: file,
    bytes: readInput(file),
    format,
    encoding: values.encoding,
  }));
  // One --source names every file of the search; without it each file is a source named after itself.
  const groups = values.source !== undefined ? [inputs] : inputs.map((file) => [file]);
  const sourceOf = (group: FileInput[]): SourceInput => ({
    name: values.source ?? path.basename(group[0]!.fileName),
    kind: kind as SourceKind,
    searchDate: values['search-date'] ?? null,
    searchString: values['search-string'] ?? null,
  });

  const batches = groups.map((group) => ({ source: sourceOf(group), files: group, force: values.force }));
  const pool = new ImportPool(importBudgetOf(values));
  try {
    // The first import of a review may start it: this command creates a missing database.
    return await withDb(
      dbFile,
      async (db) => {
        refuseEarly(db, values.project, batches);
        const bar = interactive ? progressBar(io, inputs.length) : null;
        try {
          let done = 0;
          const show = (names: string[], phase: string) => (progress: ImportProgress) =>
            bar?.update(done, {
              file: path.basename(names[progress.file]!),
              records: progress.records,
              phase,
            });
          // Every file is read first, in the worker pool and within its budget; nothing is written yet.
          const read: ReadBatch[] = [];
          for (const batch of batches) {
            const names = batch.files.map((f) => f.fileName);
            // The bytes were read for this import alone: they move to the reading thread.
            const onProgress = bar ? show(names, 'read') : undefined;
            read.push(await readBatch(pool, batch, { onProgress, handOver: true }));
            done += batch.files.length;
          }
          done = 0;
          // Project creation and every file share one transaction: a refused file leaves no empty project behind.
          const { project, imported } = db.transaction(() => {
            const project = resolveCliProject(db, values.project, { create: true });
            const imported = read.flatMap((batch) =>
              storeBatch({ db, clock: systemClock }, project.id, batch, {
                onProgress: bar
                  ? show(
                      batch.files.map((f) => f.read.fileName),
                      'stored',
                    )
                  : undefined,
              }).map((source) => {
                bar?.update(++done, { records: source.records, phase: 'stored' });
                return source;
              }),
            );
            return { project, imported };
          })();
          bar?.stop();
          report(io, values.json === true, project.name, project.id, imported);
          return 0;
        } finally {
          bar?.stop();
        }
      },
      { create: true },
    );
  } finally {
    await pool.close();
  }
}

const ROLLBACK = Symbol('rollback');

/**
 * Refuses, before any file is read, what the storing transaction would refuse anyway: an
 * ambiguous --project, a file already imported into it. The same checks, in a transaction that
 * is rolled back (a project it creates to look into is not kept).
 */
function refuseEarly(db: Db, project: string | undefined, batches: ImportBatch[]): void {
  const hashes = batches.map((batch) => batch.files.map((file) => sha256(file.bytes)));
  try {
    db.transaction(() => {
      const { id } = resolveCliProject(db, project, { create: true });
      batches.forEach((batch, i) => {
        prepareImport(db, id, batch);
        refuseRepeatedFiles(db, id, batch, hashes[i]!);
      });
      throw ROLLBACK;
    })();
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
}

function readInput(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NotFoundError(
      `${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
    );
  }
}

/** On a terminal only (never with --json or in a pipe): files done, and records read or stored from the current one. */
function progressBar(io: CommandIO, files: number): SingleBar {
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: 'importing [{bar}] {value}/{total} files · {file}: {records} records {phase}',
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  bar.start(files, 0, { file: '', records: 0, phase: 'read' });
  return bar;
}

function presentSource(s: ImportedSource) {
  return {
    id: s.sourceId,
    file: s.fileName,
    format: s.format,
    encoding: s.encoding,
    records: s.records,
    warnings: s.warnings,
  };
}

function report(
  io: CommandIO,
  json: boolean,
  projectName: string,
  projectId: number,
  imported: ImportedSource[],
): void {
  const total = imported.reduce((n, s) => n + s.records, 0);
  if (json) {
    const sources = imported.map(presentSource);
    io.stdout.write(
      `${JSON.stringify({ project: projectName, projectId, imported: total, records: total, sources, files: sources })}\n`,
    );
    return;
  }
  for (const s of imported) {
    io.stdout.write(
      `${s.fileName}: ${s.records} records (${s.format}, ${s.encoding}) as source ${s.sourceId}` +
        `${s.warnings.length ? `, ${s.warnings.length} warnings` : ''}\n`,
    );
    for (const w of s.warnings.slice(0, SHOWN_WARNINGS))
      io.stdout.write(`  warning: ${describeWarning(s.fileName, w)}\n`);
    if (s.warnings.length > SHOWN_WARNINGS) {
      io.stdout.write(
        `  … and ${s.warnings.length - SHOWN_WARNINGS} more warnings (all of them with --json)\n`,
      );
    }
  }
  io.stdout.write(`imported ${total} records into project "${projectName}"\n`);
}

function describeWarning(file: string, w: ParseWarning): string {
  const where = `${file}${w.line != null ? `:${w.line}` : ''}`;
  return `${where}: ${w.record != null ? `record ${w.record}: ` : ''}${w.message}`;
}
