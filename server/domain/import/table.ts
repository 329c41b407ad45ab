import { ParseError } from '../errors';
import { COMBINED_FIELDS, columnKey, mapColumns, type ColumnField } from './columns';
import { classifyStandardNumber, cleanName, splitAuthorList } from './identifiers';
import { stripBom } from './lines';
import { cleanText, joinPages, normaliseDoi, normalisePages, normalisePmid, normaliseType, parseYear, splitKeywords } from './normalise';
import { emptyRecord, type BibRecord, type ParseWarning, type RawField } from './types';

/** A row of a table with its line (CSV: the line the row ends on) or row number (XLSX). */
export interface TableRow {
  cells: string[];
  line: number;
}

/** Excel's column limit (A … XFD): no table Sift reads is wider (see csv-rows.ts and xlsx.ts). */
export const MAX_CELLS = 16_384;

/** How many leading rows may sit above the header (a sheet title, an export banner). */
const HEADER_SEARCH_ROWS = 5;

/**
 * Turns the rows of a table (CSV, TSV, a sheet) into records: finds the header row (the first
 * row naming a title, abstract or DOI column), maps columns through the alias table, keeps
 * every non-empty cell in `raw`.
 */
export function tableRecords(rows: TableRow[], fileName: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const nonEmpty = rows.filter((row) => row.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) throw new ParseError(fileName, null, 'the file is empty');
  const headerIndex = nonEmpty.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => namesABibliographicColumn(mapColumns(row.cells)));
  if (headerIndex < 0) {
    const header = nonEmpty[0]!.cells.map((h) => stripBom(h).trim());
    throw new ParseError(
      fileName,
      nonEmpty[0]!.line,
      `the header row names no title, abstract or DOI column (found: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''})`,
    );
  }
  if (headerIndex > 0) {
    warnings.push({ line: nonEmpty[0]!.line, record: null, message: `${headerIndex} row(s) above the header row were skipped` });
  }
  const header = nonEmpty[headerIndex]!.cells.map((h) => stripBom(h).trim());
  const mapping = mapColumns(header);

  const records: BibRecord[] = [];
  for (const { cells, line } of nonEmpty.slice(headerIndex + 1)) {
    const number = records.length + 1;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      warnings.push({ line, record: number, message: `row has ${cells.length} cells but the header has ${header.length}; the extra cells were kept as column_N` });
    }
    const raw: RawField[] = [];
    cells.forEach((cell, column) => {
      if (cell.trim() !== '') raw.push([header[column] || `column_${column + 1}`, cell]);
    });
    const record = rowRecord(header, cells, mapping, (message) => warnings.push({ line, record: number, message }));
    record.raw = raw;
    if (!record.title) warnings.push({ line, record: number, message: 'record has no title' });
    records.push(record);
  }
  if (records.length === 0) throw new ParseError(fileName, nonEmpty[headerIndex]!.line, 'the file has a header row but no records');
  return { records, warnings };
}

function namesABibliographicColumn(mapping: Map<ColumnField, number[]>): boolean {
  return mapping.has('title') || mapping.has('abstract') || mapping.has('doi');
}

function rowRecord(header: string[], cells: string[], mapping: Map<ColumnField, number[]>, warn: (message: string) => void): BibRecord {
  const cell = (field: ColumnField): string | null => {
    for (const index of mapping.get(field) ?? []) {
      const value = cells[index];
      if (value != null && value.trim() !== '') return value;
    }
    return null;
  };
  const cellsOf = (field: ColumnField): string[] =>
    (mapping.get(field) ?? []).map((index) => cells[index] ?? '').filter((value) => value.trim() !== '');

  const record = emptyRecord();
  record.sourceId = cleanText(cell('sourceId'))?.replace(/^#/, '') ?? null;
  record.type = normaliseType(cell('type'));
  record.title = cleanText(cell('title'));
  const authors = cell('authors');
  record.authors = authors ? listCell(authors, splitAuthorList) : [];

  const yearText = cell('year');
  record.year = parseYear(yearText);
  if (record.year == null && yearText) warn(`no year could be read from "${cleanText(yearText)}"`);

  record.journal = cleanText(cell('journal'));
  record.volume = cleanText(cell('volume'));
  record.issue = cleanText(cell('issue'));
  record.pages = normalisePages(cell('pages')) ?? normalisePages(joinPages(cell('startPage'), cell('endPage'))) ?? normalisePages(cell('articleNumber'));
  record.doi = normaliseDoi(cell('doi')) ?? doiFromLinks(header, cells);
  record.pmid = normalisePmid(cell('pmid'));
  const isbn = cell('isbn');
  const issn = cell('issn');
  record.isbn = isbn ? classifyStandardNumber(isbn).isbn : null;
  record.issn = issn ? classifyStandardNumber(issn).issn : null;
  record.abstract = cleanText(cell('abstract'));
  const keywordCells = COMBINED_FIELDS.has('keywords') ? cellsOf('keywords') : [];
  record.keywords = splitKeywords(keywordCells.flatMap((value) => listCell(value, splitKeywordCell)).join(';'), /[;\n\r]+/);
  record.language = cleanText(cell('language'));
  const url = cleanText(cell('url'));
  record.url = url ? (url.split(/[\s;]+/)[0] ?? null) : null;

  fillFromCitation(record, header, cells);
  return record;
}

/**
 * Keywords are ";"-separated almost everywhere; Embase separates them with commas and puts
 * commas inside parentheses ("cyst (diagnosis, surgery)"), so only top-level commas split,
 * and only in a cell that has no semicolon and several comma-separated parts.
 */
function splitKeywordCell(value: string): string[] {
  if (/[;\n\r]/.test(value)) return [value];
  if (value.includes('|')) return value.split('|'); // OpenAlex flat CSV
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '(' || char === '[') depth++;
    else if ((char === ')' || char === ']') && depth > 0) depth--;
    else if (char === ',' && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.length >= 3 ? parts : [value];
}

/** ASReview writes list fields as Python lists: "['Marx, Karl', 'Lindgren, Astrid']". */
function listCell(value: string, split: (value: string) => string[]): string[] {
  const trimmed = value.trim();
  if (/^\[.*\]$/s.test(trimmed)) {
    const items = [...trimmed.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    if (items.length > 0 || trimmed === '[]') return items.map((item) => cleanName(item)).filter((item): item is string => item !== null);
  }
  return split(value);
}

const LINK_COLUMNS = new Set(['openurllink', 'link', 'links', 'url', 'externalurl', 'linkattachments', 'sourceurls', 'fulltexturl']);

/** Embase and Zotero exports carry the DOI only inside a link ("…id=doi:10.4103%2F…", "dx.doi.org/10…"). */
function doiFromLinks(header: string[], cells: string[]): string | null {
  for (let i = 0; i < header.length; i++) {
    if (!LINK_COLUMNS.has(columnKey(header[i]!))) continue;
    const value = cells[i];
    if (!value) continue;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // keep the raw link
    }
    const match = /(?:doi\.org\/|doi[:=]\s*)(10\.\d{4,9}\/[^\s&?#]+)/i.exec(decoded);
    if (match) return normaliseDoi(match[1]);
  }
  return null;
}

// Embase "Source": "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014".
const EMBASE_SOURCE = /^(.+?)\s+\((\d{4})\)\s+([^:\s(]+)(?::([^\s(]+))?(?:\s+\(([^)]*)\))?/;
// PubMed "Citation": "Eur J Med Genet. 2020 Feb;63(2):103640. doi: …".
const PUBMED_CITATION = /^(.+?)\.\s+(\d{4})[^;]*;\s*([^(:;\s]+)(?:\(([^)]+)\))?(?::\s*([^.;\s]+))?/;

const CITATION_CHARS = 1000;

/** Fills venue, volume, issue and pages from a one-line citation column when no separate columns exist. */
function fillFromCitation(record: BibRecord, header: string[], cells: string[]): void {
  for (let i = 0; i < header.length; i++) {
    const key = columnKey(header[i]!);
    // A citation line is short; only its start is matched (the patterns are quadratic on long hostile text).
    const value = cleanText(cells[i]?.slice(0, CITATION_CHARS));
    if (!value) continue;
    const match = key === 'source' ? EMBASE_SOURCE.exec(value) : key === 'citation' ? PUBMED_CITATION.exec(value) : null;
    if (!match) continue;
    record.journal ??= cleanText(match[1]);
    record.year ??= parseYear(match[2]);
    record.volume ??= cleanText(match[3]);
    record.issue ??= cleanText(match[4]);
    record.pages ??= normalisePages(match[5]);
  }
}
