import { csvTable, type CsvValue } from '../csv/write';
import type { ExportRecord } from './types';

/**
 * The columns of `sift export --format csv`, in order. A contract for scripts: columns may be
 * added at the end, never renamed or removed.
 *  - id: Sift's record id; source: the source (search) name; source_id: the id in the file
 *  - authors and keywords: joined with "; "
 *  - status: pending, included, excluded, duplicate or not_retrieved (domain/records/status.ts);
 *    stage: title_abstract or full_text, where the record is or ended (empty for a duplicate and
 *    for a record removed before screening); exclusion_reason: why it was excluded
 *  - duplicate_of: the id of the record a duplicate was merged into; empty for kept records
 *  - source_kind: database, register or other
 *  - title_abstract_outcome / full_text_outcome: include or exclude (empty while awaiting or in
 *    conflict), each with its reason; full_text_retrieval: retrieved or not_retrievable
 *  - removed_before_screening: the reason of the bulk exclusion that removed the record
 *  - labels: their names joined with "; "; notes: "author (date): text", one per line
 * After these, one column per reviewer and stage with their vote (exportTable's `voters`).
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
  'source_kind',
  'title_abstract_outcome',
  'title_abstract_reason',
  'full_text_retrieval',
  'full_text_outcome',
  'full_text_reason',
  'removed_before_screening',
  'labels',
  'notes',
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
  source_kind: (r) => r.sourceKind,
  title_abstract_outcome: (r) => r.titleAbstract?.outcome,
  title_abstract_reason: (r) => r.titleAbstract?.reason,
  full_text_retrieval: (r) => r.retrieval,
  full_text_outcome: (r) => r.fullText?.outcome,
  full_text_reason: (r) => r.fullText?.reason,
  removed_before_screening: (r) => r.removedReason,
  labels: (r) => r.labels?.join('; '),
  notes: (r) => r.notes?.join('\n'),
};

/** A reviewer whose votes at a stage get a column of their own. */
export interface Voter {
  stage: 'title_abstract' | 'full_text';
  username: string;
}

/** "include", "maybe", "exclude: Wrong population". */
function voteCell(record: ExportRecord, voter: Voter): CsvValue {
  const vote = record.votes?.find((v) => v.stage === voter.stage && v.username === voter.username);
  if (!vote) return null;
  return vote.reason ? `${vote.decision}: ${vote.reason}` : vote.decision;
}

/**
 * The export as a table (CSV and XLSX write the same one): CSV_COLUMNS, then one
 * `<stage>_vote_<username>` column per voter, a row per record.
 */
export function exportTable(
  records: Iterable<ExportRecord>,
  voters: readonly Voter[] = [],
): { header: string[]; rows: Iterable<CsvValue[]> } {
  const header = [...CSV_COLUMNS, ...voters.map((v) => `${v.stage}_vote_${v.username}`)];
  function* rows(): Generator<CsvValue[]> {
    for (const record of records)
      yield [
        ...CSV_COLUMNS.map((column) => CELLS[column](record)),
        ...voters.map((v) => voteCell(record, v)),
      ];
  }
  return { header, rows: rows() };
}

/**
 * Records as RFC 4180 CSV (CRLF line ends, quotes doubled, a header row), one row per record,
 * duplicates included, through the shared writer (formulas defused).
 */
export function exportCsv(
  records: Iterable<ExportRecord>,
  options: { voters?: readonly Voter[] } = {},
): string {
  const table = exportTable(records, options.voters);
  return csvTable([table.header]) + csvTable(table.rows);
}
