import { ParseError } from '../errors';
import { splitLines, stripBom } from './lines';
import type { BibRecord, ParseWarning, RawField } from './types';
import { wosRecord } from './wos-fields';

/** True when a header row is Web of Science's tab-delimited one (two-letter field tags: PT, AU, TI, SO, …). */
export function isWosTabHeader(headerLine: string): boolean {
  const columns = stripBom(headerLine)
    .split('\t')
    .map((c) => c.trim());
  if (columns.length < 5) return false;
  const tags = columns.filter((c) => /^[A-Z][A-Z0-9]$/.test(c));
  return (
    tags.length >= columns.length * 0.8 &&
    columns.includes('TI') &&
    (columns.includes('PT') || columns.includes('AU'))
  );
}

/**
 * Reads the Web of Science tab-delimited export: a header row of field tags, then one record
 * per line. WoS writes no quoting, so a tab always separates fields and quotes are text.
 */
export function parseWosTab(
  text: string,
  fileName: string,
): { records: BibRecord[]; warnings: ParseWarning[] } {
  const lines = splitLines(stripBom(text));
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new ParseError(fileName, null, 'the file is empty');
  const header = lines[headerIndex]!.split('\t').map((c) => c.trim());
  if (!isWosTabHeader(lines[headerIndex]!)) {
    throw new ParseError(
      fileName,
      headerIndex + 1,
      'not a Web of Science tab-delimited header (expected tags such as PT, AU, TI, SO)',
    );
  }

  const records: BibRecord[] = [];
  const warnings: ParseWarning[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const number = records.length + 1;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      warnings.push({
        line: i + 1,
        record: number,
        message: `row has ${cells.length} fields but the header has ${header.length}; the extra fields were kept as EXTRA`,
      });
    }
    const raw: RawField[] = [];
    cells.forEach((cell, column) => {
      const value = cell.trim();
      if (value !== '') raw.push([header[column] ?? 'EXTRA', value]);
    });
    const record = wosRecord(raw, (message) => warnings.push({ line: i + 1, record: number, message }));
    if (!record.title) warnings.push({ line: i + 1, record: number, message: 'record has no title' });
    records.push(record);
  }
  if (records.length === 0)
    throw new ParseError(fileName, headerIndex + 1, 'the file has a header row but no records');
  return { records, warnings };
}
