import type * as Api from '../../api/types';
import type { Project } from '../../db/repos/projects';
import type { RecordSummary, StoredRecord } from '../../db/repos/records';
import type { Source } from '../../db/repos/sources';
import type { ImportedSource } from '../../services/import';
import type { ImportJobState } from '../../services/import-jobs';

/** The JSON shapes of projects, sources and records: camelCase, no database internals. */
export function presentProject(
  project: Project,
  counts: { sources: number; records: number },
): Omit<Api.Project, 'role'> {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    createdAt: project.createdAt,
    ...counts,
  };
}

export function presentSource(source: Source, records: number): Api.Source {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    searchDate: source.searchDate,
    searchString: source.searchString,
    fileName: source.fileName,
    fileHash: source.fileHash,
    format: source.format,
    encoding: source.encoding,
    recordCount: source.recordCount,
    /** Counted from the records table; equals recordCount unless records were removed since. */
    records,
    warnings: source.warnings,
    importedAt: source.importedAt,
  };
}

/** One imported file, in the same shape as `sift import --json` prints it. */
export function presentImported(imported: ImportedSource): Api.ImportedFile {
  return {
    id: imported.sourceId,
    file: imported.fileName,
    format: imported.format,
    encoding: imported.encoding,
    records: imported.records,
    warnings: imported.warnings,
  };
}

/** What POST …/sources answers: every file of the upload, and the records they added together. */
export function presentImportResponse(imported: ImportedSource[]): Api.ImportResponse {
  return { sources: imported.map(presentImported), records: imported.reduce((n, s) => n + s.records, 0) };
}

export function presentImportJob(job: ImportJobState): Api.ImportJob {
  return {
    id: job.id,
    status: job.status,
    files: job.files.map((file) => ({ ...file })),
    records: job.files.reduce((n, file) => n + file.records, 0),
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    result: job.result ? presentImportResponse(job.result) : null,
    error: job.error,
  };
}

export function presentRecordSummary(record: RecordSummary): Api.RecordSummary {
  return { ...record };
}

export function presentRecord(record: StoredRecord): Api.RecordDetail {
  const { projectId: _projectId, ...rest } = record;
  return rest;
}
