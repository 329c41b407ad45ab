import { ParseError } from '../errors';
import { MAX_CELLS, tableRecords, type TableRow } from './table';
import type { BibRecord, ParseWarning } from './types';
import { firstElement, scanElements, UnclosedElementError, withoutElements } from './xlsx-scan';
import { readZipEntry, ZipError, zipEntries, ZipTooLargeError } from './zip';

/**
 * Decompression limits: a workbook's parts together may inflate to at most INFLATE_RATIO times the
 * workbook's size (but always to MIN_INFLATED_BYTES) and never past MAX_INFLATED_BYTES. Real sheets
 * compress 5–20 fold; a zip bomb (a 408 KB workbook holding a 400 MB sheet) a thousandfold.
 */
export const XLSX_LIMITS = { inflateRatio: 100, minInflatedBytes: 64 * 1024 * 1024, maxInflatedBytes: 512 * 1024 * 1024 };
const utf8 = new TextDecoder('utf-8');

/**
 * Reads the first worksheet of an Excel workbook (.xlsx, as Excel, Numbers, LibreOffice and
 * database exports write it) as a table with the same column table as CSV. Cells are text;
 * numbers are kept as written in the sheet (a year stays 2012).
 */
export function parseXlsx(bytes: Uint8Array, fileName: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  const damaged = (reason: string, cause?: unknown): ParseError =>
    new ParseError(fileName, null, `not a readable .xlsx workbook: ${reason}`, { cause });
  let partName = '';
  const allowed = Math.min(XLSX_LIMITS.maxInflatedBytes, Math.max(XLSX_LIMITS.minInflatedBytes, XLSX_LIMITS.inflateRatio * bytes.length));
  let inflated = 0;
  try {
    const entries = zipEntries(bytes);
    const part = (name: string): string | null => {
      const entry = entries.get(name);
      if (!entry) return null;
      partName = name;
      const content = readZipEntry(bytes, entry, allowed - inflated);
      inflated += content.length;
      return utf8.decode(content);
    };
    const sheetPath = firstSheetPath(part('xl/workbook.xml'), part('xl/_rels/workbook.xml.rels'));
    const sheet = part(sheetPath) ?? part('xl/worksheets/sheet1.xml');
    if (sheet == null) throw new ParseError(fileName, null, 'the workbook has no worksheet (not an .xlsx export?)');
    const shared = sharedStrings(part('xl/sharedStrings.xml'));
    partName = sheetPath;
    return tableRecords(sheetRows(sheet, shared), fileName);
  } catch (error) {
    if (error instanceof ZipTooLargeError) {
      throw damaged(
        `its parts inflate to more than ${Math.round(allowed / 1024 / 1024)} MB (at ${partName}), more than a bibliographic export needs: a damaged file or a zip bomb`,
        error,
      );
    }
    if (error instanceof ZipError) throw damaged(error.message, error);
    if (error instanceof UnclosedElementError) throw damaged(`in ${partName}, ${error.message}`, error);
    throw error;
  }
}

/** The path of the workbook's first sheet, through its relationship id. */
function firstSheetPath(workbook: string | null, relations: string | null): string {
  const fallback = 'xl/worksheets/sheet1.xml';
  const sheet = workbook ? firstElement(workbook, 'sheet') : null;
  const id = sheet ? attribute(sheet.attrs, 'r:id') : null;
  if (!id || !relations) return fallback;
  for (const relation of scanElements(relations, 'Relationship')) {
    if (attribute(relation.attrs, 'Id') !== id) continue;
    const target = attribute(relation.attrs, 'Target');
    if (!target) return fallback;
    return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return fallback;
}

/** The shared-string table: each <si> is the text of its <t> runs (phonetic runs left out). */
function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const item of scanElements(xml, 'si')) strings.push(item.body === null ? '' : runsText(withoutElements(item.body, 'rPh')));
  return strings;
}

/** The text of the <t> runs of a shared or inline string. */
function runsText(body: string): string {
  let text = '';
  for (const run of scanElements(body, 't')) text += run.body ?? '';
  return decodeXml(text);
}

/** The sheet's rows as cell texts, placed by their column letters (empty cells may be omitted in XML). */
export function sheetRows(xml: string, shared: string[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const row of scanElements(xml, 'row')) {
    const rowNumber = Number(attribute(row.attrs, 'r')) || rows.length + 1;
    const cells: string[] = [];
    for (const cell of scanElements(row.body ?? '', 'c')) {
      const reference = attribute(cell.attrs, 'r');
      const column = reference ? columnIndex(reference) : cells.length;
      if (column >= MAX_CELLS) continue; // beyond Excel's last column (XFD): a damaged reference
      cells[column] = cellText(attribute(cell.attrs, 't'), cell.body ?? '', shared);
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ cells, line: rowNumber });
  }
  return rows;
}

function cellText(type: string | null, body: string, shared: string[]): string {
  if (type === 'inlineStr') return runsText(body);
  const value = firstElement(body, 'v')?.body;
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
