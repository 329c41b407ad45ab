import { csvTable, type CsvValue } from '../csv/write';
import type { ExportRecord } from './types';

/**
 * The columns of `sift export --format csv`, in order. A contract for scripts: columns may be
 * added at the end, never renamed or removed.
 *  - id: Sift's record id; source: the source (search) name; source_id: the id in the file
 *  - authors and keywords: joined with "; "
 *  - status, stage, exclusion_reason: empty until screening has decided
 *  - duplicate_of: the id of the record a duplicate was merged into; empty for kept records
 */
export const CSV_COLUMNS = [
  'id',
  'source',
  'source_id',
  'type',
  'title',
  'authors',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'isbn',
  'issn',
  'abstract',
  'keywords',
  'language',
  'url',
  'status',
  'stage',
  'exclusion_reason',
  'duplicate_of',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const CELLS: Record<CsvColumn, (r: ExportRecord) => CsvValue> = {
  id: (r) => r.id,
  source: (r) => r.sourceName,
  source_id: (r) => r.sourceId,
  type: (r) => r.type,
  title: (r) => r.title,
  authors: (r) => r.authors.join('; '),
  year: (r) => r.year,
  journal: (r) => r.journal,
  volume: (r) => r.volume,
  issue: (r) => r.issue,
  pages: (r) => r.pages,
  doi: (r) => r.doi,
  pmid: (r) => r.pmid,
  isbn: (r) => r.isbn,
  issn: (r) => r.issn,
  abstract: (r) => r.abstract,
  keywords: (r) => r.keywords.join('; '),
  language: (r) => r.language,
  url: (r) => r.url,
  status: (r) => r.status,
  stage: (r) => r.stage,
  exclusion_reason: (r) => r.exclusionReason,
  duplicate_of: (r) => r.duplicateOf,
};

/**
 * Records as RFC 4180 CSV (CRLF line ends, quotes doubled, a header row), one row per record,
 * duplicates included, through the shared writer (formulas defused).
 */
export function exportCsv(records: Iterable<ExportRecord>): string {
  let out = csvTable([CSV_COLUMNS]);
  for (const record of records) out += csvTable([CSV_COLUMNS.map((column) => CELLS[column](record))]);
  return out;
}
