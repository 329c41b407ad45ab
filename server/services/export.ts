import type { Db } from '../db/connection';
import { iterateRecords, type StoredRecord } from '../db/repos/records';
import { exportBibtex } from '../domain/export/bibtex';
import { exportCsv } from '../domain/export/csv';
import { exportRis } from '../domain/export/ris';
import type { ExportOptions, ExportRecord } from '../domain/export/types';
import type { Actor } from '../domain/auth/actor';
import { requireProjectExists } from '../db/repos/projects';
import { visibilityFor } from './visibility';

export const EXPORT_FORMATS = ['ris', 'csv', 'bibtex'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface Writer {
  write(records: Iterable<ExportRecord>, options: ExportOptions): string;
  mediaType: string;
  extension: string;
}

const WRITERS: Record<ExportFormat, Writer> = {
  ris: {
    write: exportRis,
    mediaType: 'application/x-research-info-systems; charset=utf-8',
    extension: 'ris',
  },
  // The CSV always carries id, source, source_id, status and duplicate_of columns.
  csv: { write: (records) => exportCsv(records), mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  bibtex: { write: exportBibtex, mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
};

export interface ExportedFile {
  content: string;
  mediaType: string;
  extension: string;
  records: number;
}

/** A stored record as the exporters take it. Screening status is added here once screening stores one. */
export function toExportRecord(record: StoredRecord): ExportRecord {
  return {
    id: record.id,
    duplicateOf: record.duplicateOf,
    sourceName: record.source.name,
    sourceFormat: record.source.format,
    status: null,
    sourceId: record.sourceRecordId,
    type: record.type,
    title: record.title,
    authors: record.authors,
    year: record.year,
    journal: record.journal,
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    doi: record.doi,
    pmid: record.pmid,
    isbn: record.isbn,
    issn: record.issn,
    abstract: record.abstract,
    keywords: record.keywords,
    language: record.language,
    url: record.url,
    raw: record.raw,
  };
}

/**
 * Every record of the project (duplicates included, import order) as one file.
 * `provenance` (default on) adds Sift's id, source, status and duplicate_of to RIS and BibTeX;
 * off, RIS gives back exactly the imported fields.
 */
export function exportProject(
  db: Db,
  projectId: number,
  format: ExportFormat,
  options: ExportOptions = {},
): ExportedFile {
  const writer = WRITERS[format];
  let records = 0;
  function* counted(): Generator<ExportRecord> {
    for (const record of iterateRecords(db, projectId)) {
      records++;
      yield toExportRecord(record);
    }
  }
  const content = writer.write(counted(), { provenance: options.provenance ?? true });
  return { content, mediaType: writer.mediaType, extension: writer.extension, records };
}

/**
 * The export as this member may take it: records with their provenance are an export of the
 * review (the `export` view of the visibility policy: owners, as the actions table also says).
 */
export function exportProjectFor(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { format: ExportFormat; options?: ExportOptions },
): ExportedFile {
  requireProjectExists(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'export' });
  return exportProject(db, projectId, input.format, input.options);
}
