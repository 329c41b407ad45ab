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

type Cell = string | number | null | undefined;

const CELLS: Record<CsvColumn, (r: ExportRecord) => Cell> = {
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
 * duplicates included. Text cells that a spreadsheet would run as a formula are defused.
 */
export function exportCsv(records: Iterable<ExportRecord>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records)
    lines.push(CSV_COLUMNS.map((column) => csvCell(CELLS[column](record))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** One cell: numbers as they are; text defused against formula injection, then quoted if needed. */
export function csvCell(value: Cell): string {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  // OWASP's advice: a leading = + - @ (or tab / CR) makes Excel and LibreOffice evaluate the cell.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
