import type * as Api from '../../api/types';
import type { Project } from '../../db/repos/projects';
import type { RecordSummary, StoredRecord } from '../../db/repos/records';
import type { Source } from '../../db/repos/sources';
import type { ImportedSource } from '../../services/import';

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

export function presentRecordSummary(record: RecordSummary): Api.RecordSummary {
  return { ...record };
}

export function presentRecord(record: StoredRecord): Api.RecordDetail {
  const { projectId: _projectId, ...rest } = record;
  return rest;
}
