import { ParseError } from '../errors';
import { readDelimitedRows } from './csv-rows';
import { stripBom } from './lines';
import { MAX_CELLS, tableRecords } from './table';
import type { BibRecord, ParseWarning } from './types';

export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter of a table, judged on its header line: the one of comma, semicolon and tab
 * that occurs most often outside quotes (ties go to tab, then comma).
 */
export function sniffDelimiter(text: string): Delimiter {
  const header = firstLineOutsideQuotes(stripBom(text));
  const counts: Record<Delimiter, number> = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\t' || char === ',' || char === ';')) counts[char]++;
  }
  const best = (['\t', ',', ';'] as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

function firstLineOutsideQuotes(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length && i < 1_000_000; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return text.slice(0, i);
  }
  return text.slice(0, 1_000_000);
}

/**
 * Reads a CSV, semicolon-separated or TSV export (Scopus, WoS, PubMed, Rayyan, Covidence,
 * Zotero, EPPI, Lens, ASReview, …): quoted multi-line fields, a BOM, ragged rows. Columns
 * are matched to fields through the table of alternative names in columns.ts; every
 * non-empty cell is kept in `raw` under its header.
 */
export function parseDelimited(text: string, fileName: string, delimiter: Delimiter = sniffDelimiter(text)): { records: BibRecord[]; warnings: ParseWarning[] } {
  const { rows, openQuoteLine, tooWideLine } = readDelimitedRows(text, delimiter);
  if (tooWideLine !== null) {
    throw new ParseError(fileName, tooWideLine, `a row of more than ${MAX_CELLS.toLocaleString('en')} cells, more than a spreadsheet has: not a bibliographic table`);
  }
  if (openQuoteLine !== null) {
    throw new ParseError(fileName, openQuoteLine, `not a readable ${describe(delimiter)} table: a quoted cell opened on this line is never closed`);
  }
  return tableRecords(rows, fileName);
}

function describe(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab-separated' : delimiter === ';' ? 'semicolon-separated' : 'comma-separated';
}
