import { ParseError } from '../errors';
import { tableRecords, type TableRow } from './table';
import type { BibRecord, ParseWarning } from './types';
import { readZipEntry, ZipError, zipEntries } from './zip';

/** No sheet of a bibliographic export comes near this; a larger part is refused, not read. */
const MAX_PART_BYTES = 512 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8');
/** Excel's column limit (A … XFD). */
const MAX_COLUMNS = 16_384;

/**
 * Reads the first worksheet of an Excel workbook (.xlsx, as Excel, Numbers, LibreOffice and
 * database exports write it) as a table with the same column table as CSV. Cells are text;
 * numbers are kept as written in the sheet (a year stays 2012).
 */
export function parseXlsx(bytes: Uint8Array, fileName: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  try {
    const entries = zipEntries(bytes);
    const part = (name: string): string | null => {
      const entry = entries.get(name);
      return entry ? utf8.decode(readZipEntry(bytes, entry, MAX_PART_BYTES)) : null;
    };
    const sheetPath = firstSheetPath(part('xl/workbook.xml'), part('xl/_rels/workbook.xml.rels'));
    const sheet = part(sheetPath) ?? part('xl/worksheets/sheet1.xml');
    if (sheet == null) throw new ParseError(fileName, null, 'the workbook has no worksheet (not an .xlsx export?)');
    const shared = sharedStrings(part('xl/sharedStrings.xml'));
    return tableRecords(sheetRows(sheet, shared), fileName);
  } catch (error) {
    if (error instanceof ZipError) throw new ParseError(fileName, null, `not a readable .xlsx workbook: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The path of the workbook's first sheet, through its relationship id. */
function firstSheetPath(workbook: string | null, relations: string | null): string {
  const fallback = 'xl/worksheets/sheet1.xml';
  const sheet = workbook ? /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook) : null;
  if (!sheet || !relations) return fallback;
  for (const match of relations.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0];
    if (attribute(tag, 'Id') !== sheet[1]) continue;
    const target = attribute(tag, 'Target');
    if (!target) return fallback;
    return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return fallback;
}

/** The shared-string table: each <si> is the text of its <t> runs (phonetic runs left out). */
function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const item of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    const body = (item[1] ?? '').replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
    let text = '';
    for (const run of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += run[1];
    strings.push(decodeXml(text));
  }
  return strings;
}

/** The sheet's rows as cell texts, placed by their column letters (empty cells may be omitted in XML). */
export function sheetRows(xml: string, shared: string[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(attribute(row[1] ?? '', 'r')) || rows.length + 1;
    const cells: string[] = [];
    for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const reference = attribute(attributes, 'r');
      const column = reference ? columnIndex(reference) : cells.length;
      if (column >= MAX_COLUMNS) continue; // beyond Excel's last column (XFD): a damaged reference
      cells[column] = cellText(attribute(attributes, 't'), cell[2] ?? '', shared);
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ cells, line: rowNumber });
  }
  return rows;
}

function cellText(type: string | null, body: string, shared: string[]): string {
  if (type === 'inlineStr') {
    let text = '';
    for (const run of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += run[1];
    return decodeXml(text);
  }
  const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
  if (value == null) return '';
  if (type === 's') return shared[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return decodeXml(value);
}

/** "AC12" → 28 (zero-based); anything past four letters is out of range anyway. */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference.slice(0, 4)) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return Math.max(0, index - 1);
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match ? decodeXml(match[1]!) : null;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return XML_ENTITIES[entity.toLowerCase()] ?? whole;
    })
    // Excel escapes control characters in cell text as _xHHHH_.
    .replace(/_x([0-9A-F]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
