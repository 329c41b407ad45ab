import { ParseError } from '../errors';
import { csvTable } from '../csv/write';
import { readCsv, type CsvRow } from './csv-table';
import { CSV_COLUMNS, DEFAULT_LABELS, TEMPLATE_ROWS, labelKeyOf } from './template';
import type { Count, NameN, NamedCount, NumericKey, PrismaInput, PrismaResult, SourceCount } from './types';
import { NUMERIC_KEYS } from './types';

const REASON_KEYS = new Set(['dbr_excluded', 'other_excluded']);
const DETAIL_ROWS = { database_specific_results: 'database', register_specific_results: 'register' } as const;

/**
 * Writes the model as the PRISMA2020 R package / Shiny app template: the same columns, data
 * keys and rows as PRISMA.csv v1.1.4, with our numbers in `n` ("NA" when not reported) and
 * per-source and per-reason detail as "Name, n; Name, n".
 */
export function toPrismaCsv(result: Pick<PrismaResult, 'model' | 'labels'>): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const row of TEMPLATE_ROWS) {
    const label = result.labels[labelKeyOf(row)] ?? row.boxtext;
    const cells = [
      row.data,
      row.node,
      row.box,
      row.description,
      label,
      row.tooltips,
      row.url,
      nCell(result, row.data, row.n),
    ];
    rows.push(cells);
  }
  return csvTable(rows);
}

function nCell(result: Pick<PrismaResult, 'model'>, key: string, placeholder: string): string {
  const m = result.model;
  if (key === 'database_specific_results') return namedList(m.database_specific_results);
  if (key === 'register_specific_results') return namedList(m.register_specific_results);
  if (key === 'dbr_excluded' && m.dbr_excluded_reasons.length > 0) return namedList(m.dbr_excluded_reasons);
  if (key === 'other_excluded' && m.other_excluded_reasons.length > 0)
    return namedList(m.other_excluded_reasons);
  if (isNumericKey(key)) return m[key] === null ? 'NA' : String(m[key]);
  return placeholder;
}

function namedList(items: readonly NameN[]): string {
  // ";" and a trailing ", n" are the template's separators, so names give up their semicolons.
  return items.length ? items.map((i) => `${i.name.replace(/;/g, ',')}, ${i.n}`).join('; ') : 'NA';
}

function isNumericKey(key: string): key is NumericKey {
  return (NUMERIC_KEYS as readonly string[]).includes(key);
}

interface ParsedCells {
  numbers: Map<NumericKey, number | null>;
  reasons: Map<string, NameN[]>;
  details: Map<string, NameN[]>;
  labels: Record<string, string>;
}

/**
 * Reads a PRISMA2020 template CSV (ours, the R package's, or one filled in the Shiny app) into
 * a PrismaInput. "NA", empty and the template placeholder "xxx" mean not reported; rows with
 * unknown data keys are ignored; anything else malformed is a ParseError naming the line.
 */
export function parsePrismaCsv(text: string, file: string): PrismaInput {
  const rows = readCsv(text, file);
  const header = rows[0];
  if (!header) throw new ParseError(file, null, 'the file is empty');
  const col = columnIndex(header, file);
  const parsed: ParsedCells = { numbers: new Map(), reasons: new Map(), details: new Map(), labels: {} };
  const seen = new Set<string>();
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.cells.length) {
      throw new ParseError(
        file,
        row.line,
        `expected ${header.cells.length} fields as in the header, found ${row.cells.length}`,
      );
    }
    const data = (row.cells[col.data] ?? '').trim();
    const box = col.box === -1 ? '' : (row.cells[col.box] ?? '').trim();
    const n = (row.cells[col.n] ?? '').trim();
    const labelKey = labelKeyOf({ data, box });
    if (!(labelKey in DEFAULT_LABELS)) continue;
    if (seen.has(labelKey)) throw new ParseError(file, row.line, `"${labelKey}" appears twice`);
    seen.add(labelKey);
    if (col.boxtext !== -1) {
      const text = (row.cells[col.boxtext] ?? '').trim();
      if (text !== '' && text !== 'NA' && text !== DEFAULT_LABELS[labelKey]) parsed.labels[labelKey] = text;
    }
    if (data in DETAIL_ROWS) parsed.details.set(data, parseNamedList(n, file, row, data));
    else if (REASON_KEYS.has(data) && !isWholeOrBlank(n))
      parsed.reasons.set(data, parseNamedList(n, file, row, data));
    else if (isNumericKey(data)) parsed.numbers.set(data, parseNumber(n, file, row, data));
  }
  return toInput(parsed);
}

function columnIndex(header: CsvRow, file: string) {
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const data = names.indexOf('data');
  const n = names.indexOf('n') !== -1 ? names.indexOf('n') : names.indexOf('k');
  if (data === -1 || n === -1) {
    throw new ParseError(
      file,
      header.line,
      `not a PRISMA2020 template: the header needs "data" and "n" columns, found ${names.join(',')}`,
    );
  }
  return { data, n, box: names.indexOf('box'), boxtext: names.indexOf('boxtext') };
}

const BLANK = /^(|na|xxx)$/i;
const WHOLE = /^(\d+|\d{1,3}(,\d{3})+)$/;

function isWholeOrBlank(value: string): boolean {
  return BLANK.test(value) || WHOLE.test(value);
}

function parseNumber(value: string, file: string, row: CsvRow, key: string): number | null {
  if (BLANK.test(value)) return null;
  if (!WHOLE.test(value))
    throw new ParseError(file, row.line, `n of "${key}" must be a whole number or NA, found "${value}"`);
  return Number(value.replace(/,/g, ''));
}

/** "Reason 1, 12; Reason 2, 3" → [{name, n}]; placeholder entries ("Reason1, xxx") are skipped. */
function parseNamedList(value: string, file: string, row: CsvRow, key: string): NameN[] {
  if (BLANK.test(value) || value === '0') return [];
  const items: NameN[] = [];
  for (const part of value.split(';')) {
    const item = part.trim();
    if (item === '') continue;
    const comma = item.lastIndexOf(',');
    if (comma === -1)
      throw new ParseError(
        file,
        row.line,
        `each entry of "${key}" must read "name, number"; found "${item}"`,
      );
    const name = item.slice(0, comma).trim();
    const count = item.slice(comma + 1).trim();
    if (/^xxx$/i.test(count)) continue;
    if (!/^\d+$/.test(count) || name === '') {
      throw new ParseError(
        file,
        row.line,
        `each entry of "${key}" must read "name, number"; found "${item}"`,
      );
    }
    items.push({ name, n: Number(count) });
  }
  return items;
}

function toInput(p: ParsedCells): PrismaInput {
  const count = (key: NumericKey): Count | undefined => {
    const n = p.numbers.get(key);
    return n === undefined || n === null ? undefined : { n };
  };
  const excluded = (key: 'dbr_excluded' | 'other_excluded') => {
    const reasons = p.reasons.get(key);
    if (!reasons) return count(key);
    // A list of placeholders only ("Reason1, xxx; …") is an unfilled template row.
    return reasons.length
      ? { n: reasons.reduce((a, r) => a + r.n, 0), reasons: reasons as NamedCount[] }
      : undefined;
  };
  const sources: SourceCount[] = [
    ...(p.details.get('database_specific_results') ?? []).map((d) => ({ ...d, kind: 'database' as const })),
    ...(p.details.get('register_specific_results') ?? []).map((d) => ({ ...d, kind: 'register' as const })),
  ];
  const column = (prefix: 'dbr' | 'other') => {
    const counts = {
      sought: count(`${prefix}_sought_reports`),
      notRetrieved: count(`${prefix}_notretrieved_reports`),
      assessed: count(`${prefix}_assessed`),
      excluded: excluded(`${prefix}_excluded`),
    };
    // An absent column stays absent, so nothing is derived into a column the file left empty.
    return Object.values(counts).some(Boolean) ? counts : undefined;
  };
  return prune({
    sources,
    identified: {
      databases: count('database_results'),
      registers: count('register_results'),
      websites: count('website_results'),
      organisations: count('organisation_results'),
      citations: count('citations_results'),
    },
    removed: {
      duplicates: count('duplicates'),
      automation: count('excluded_automatic'),
      other: count('excluded_other'),
    },
    screened: count('records_screened'),
    screeningExcluded: count('records_excluded'),
    databases: column('dbr'),
    otherMethods: column('other'),
    included: { studies: count('new_studies'), reports: count('new_reports') },
    previous: { studies: count('previous_studies'), reports: count('previous_reports') },
    totals: { studies: count('total_studies'), reports: count('total_reports') },
    metaAnalysis: { studies: count('total_studies_ma'), reports: count('total_reports_ma') },
    labels: p.labels,
  });
}

/** Drops undefined fields so the input reads (and compares) like one written by hand. */
function prune<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
