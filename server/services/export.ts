import type { Db } from '../db/connection';
import { labelsOfRecords, findLabelByName } from '../db/repos/labels';
import { requireProjectExists } from '../db/repos/projects';
import { matchingRecordIds, recordFacts } from '../db/repos/record-query';
import { notesOfRecords, type RecordNote } from '../db/repos/record-notes';
import { storedRecordsByIds, type StoredRecord } from '../db/repos/records';
import { standingVotesOf, votersOf, type StandingVote } from '../db/repos/screening';
import { exportBibtex } from '../domain/export/bibtex';
import { exportCsv, exportTable, type Voter } from '../domain/export/csv';
import { exportRis } from '../domain/export/ris';
import type { ExportOptions, ExportRecord } from '../domain/export/types';
import { writeXlsx } from '../domain/export/xlsx';
import type { Actor } from '../domain/auth/actor';
import { NotFoundError } from '../domain/errors';
import type { RecordFilter } from '../domain/records/filter';
import { finalStatus, type RecordFacts } from '../domain/records/status';
import { OUTCOMES_VIEW } from '../domain/records/views';
import { requireFilterVisible, visibleNotes } from './records';
import { visibilityFor, type Visibility } from './visibility';

export const EXPORT_FORMATS = ['ris', 'csv', 'bibtex', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats written as text (XLSX is a ZIP of XML parts: bytes). */
export type TextFormat = Exclude<ExportFormat, 'xlsx'>;

/** What goes into an export besides the records: whose votes and notes. */
interface Contents {
  /** the reviewers' standing votes, one column each (CSV, XLSX) */
  votes: boolean;
  /** which notes: every one, or as a member may read them */
  notes: (notes: readonly RecordNote[]) => RecordNote[];
}

interface Writer {
  write(
    records: Iterable<ExportRecord>,
    options: ExportOptions & { voters: readonly Voter[] },
  ): string | Uint8Array;
  mediaType: string;
  extension: string;
}

const WRITERS: Record<ExportFormat, Writer> = {
  ris: {
    write: exportRis,
    mediaType: 'application/x-research-info-systems; charset=utf-8',
    extension: 'ris',
  },
  // The CSV always carries id, source, status, the stages' outcomes, labels, notes and duplicate_of.
  csv: {
    write: (records, options) => exportCsv(records, { voters: options.voters }),
    mediaType: 'text/csv; charset=utf-8',
    extension: 'csv',
  },
  bibtex: { write: exportBibtex, mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  xlsx: {
    write: (records, options) => {
      const table = exportTable(records, options.voters);
      return writeXlsx('Records', table.header, table.rows);
    },
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
};

export interface ExportedFile {
  content: string | Uint8Array;
  mediaType: string;
  extension: string;
  records: number;
}

export interface ProjectExportOptions extends ExportOptions {
  /** which records (all of them by default); a label may be named instead of its id */
  filter?: RecordFilter;
}

/** What the review did with a record, as the exports write it. */
export interface RecordReview {
  facts: RecordFacts | undefined;
  labels: readonly string[];
  notes: readonly RecordNote[];
  votes: readonly StandingVote[];
}

const noteLine = (n: RecordNote) => `${n.username ?? 'someone'} (${n.createdAt.slice(0, 10)}): ${n.text}`;

/** A stored record and what the review did with it, as the exporters take it. */
export function toExportRecord(record: StoredRecord, review?: RecordReview): ExportRecord {
  const outcome = review?.facts ? finalStatus(review.facts) : null;
  return {
    id: record.id,
    duplicateOf: record.duplicateOf,
    sourceName: record.source.name,
    sourceFormat: record.source.format,
    status: outcome?.status ?? null,
    stage: outcome?.stage ?? null,
    exclusionReason: outcome?.reason ?? null,
    sourceKind: record.source.kind,
    titleAbstract: review?.facts?.titleAbstract ?? null,
    fullText: review?.facts?.fullText ?? null,
    retrieval: review?.facts?.retrieval ?? null,
    removedReason: review?.facts?.removal?.reason ?? null,
    labels: review?.labels ?? [],
    notes: (review?.notes ?? []).map(noteLine),
    votes: (review?.votes ?? []).map((v) => ({
      stage: v.stage,
      username: v.username ?? `user${v.userId}`,
      decision: v.decision,
      reason: v.reason,
    })),
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

const BATCH = 500;

/** The matching records with what the review did with each, a batch at a time (100,000 never sit in memory twice). */
function* reviewedRecords(
  db: Db,
  projectId: number,
  ids: readonly number[],
  contents: Contents,
): Generator<ExportRecord> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const facts = recordFacts(db, projectId, batch);
    const labels = labelsOfRecords(db, projectId, batch);
    const notes = notesOfRecords(db, projectId, batch);
    const votes = new Map<number, StandingVote[]>();
    if (contents.votes)
      for (const v of standingVotesOf(db, projectId, batch))
        votes.set(v.recordId, [...(votes.get(v.recordId) ?? []), v]);
    for (const record of storedRecordsByIds(db, projectId, batch))
      yield toExportRecord(record, {
        facts: facts.get(record.id),
        labels: (labels.get(record.id) ?? []).map((l) => l.name),
        notes: contents.notes(notes.get(record.id) ?? []),
        votes: votes.get(record.id) ?? [],
      });
  }
}

function write(
  db: Db,
  projectId: number,
  format: ExportFormat,
  options: ProjectExportOptions,
  contents: Contents,
  userId: number | null,
): ExportedFile {
  const writer = WRITERS[format];
  const ids = matchingRecordIds(db, projectId, options.filter ?? {}, userId);
  const voters = contents.votes ? votersOf(db, projectId) : [];
  const content = writer.write(reviewedRecords(db, projectId, ids, contents), {
    provenance: options.provenance ?? true,
    voters,
  });
  return { content, mediaType: writer.mediaType, extension: writer.extension, records: ids.length };
}

/**
 * The project's records matching a filter (every record, duplicates included, by default), in
 * import order, with what the review did with each: the command line's export (whoever opens
 * the file reads everything). `provenance` (default on) adds Sift's id, status and labels to
 * RIS and BibTeX; off, RIS gives back exactly the imported fields.
 */
export function exportProject(
  db: Db,
  projectId: number,
  format: TextFormat,
  options?: ProjectExportOptions,
): ExportedFile & { content: string };
export function exportProject(
  db: Db,
  projectId: number,
  format: ExportFormat,
  options?: ProjectExportOptions,
): ExportedFile;
export function exportProject(
  db: Db,
  projectId: number,
  format: ExportFormat,
  options: ProjectExportOptions = {},
): ExportedFile {
  requireProjectExists(db, projectId);
  return write(db, projectId, format, options, { votes: true, notes: (n) => [...n] }, null);
}

/** A label's id from its name, for `sift export --label NAME`; NotFound names the project's labels. */
export function labelIdByName(db: Db, projectId: number, name: string): number {
  const label = findLabelByName(db, projectId, name);
  if (!label) throw new NotFoundError(`no label named "${name}" in this project`);
  return label.id;
}

/**
 * The export as this member may take it: records with their provenance and decisions are an
 * export of the review (the `export` view of the visibility policy: owners, as the actions
 * table also says); the filter, the reviewers' votes and the notes follow the policy too.
 */
export function exportProjectFor(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { format: ExportFormat; options?: ProjectExportOptions },
): ExportedFile {
  requireProjectExists(db, projectId);
  const vis: Visibility = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'export' });
  requireFilterVisible(vis, input.options?.filter ?? {});
  return write(
    db,
    projectId,
    input.format,
    input.options ?? {},
    { votes: vis.may(OUTCOMES_VIEW), notes: (n) => visibleNotes(vis, n) },
    actor.userId,
  );
}
