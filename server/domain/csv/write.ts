/**
 * The one CSV writer: every CSV Sift writes (record exports, the codebook, the synthesis, the
 * PRISMA2020 template, and anything added later) goes through these functions, so every one is
 * safe to open in a spreadsheet. RFC 4180: CRLF line ends, a cell quoted when it holds a quote,
 * a comma, a line break or white space at either end (R's readers strip it otherwise), quotes
 * doubled.
 */

/** A cell as callers hand it in: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

// OWASP (CSV injection): a cell starting with = + - @, a tab or a carriage return is run as a
// formula by Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;
// ... unless it is just a number: "-1" or "+3.5" is read as a number, never run, and stays as it is.
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One cell: numbers as they are; text that a spreadsheet would run as a formula gets a leading
 * apostrophe (shown as text, not run), then quotes if needed.
 */
export function csvCell(value: CsvValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row, without its line end. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** Rows as a CSV text, each ended by CRLF (the first row is usually the header). */
export function csvTable(rows: Iterable<readonly CsvValue[]>): string {
  let out = '';
  for (const row of rows) out += `${csvRow(row)}\r\n`;
  return out;
}
