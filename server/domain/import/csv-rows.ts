import { MAX_CELLS, type TableRow } from './table';

/**
 * Splits delimited text (CSV, semicolon CSV, TSV) into rows of cells in one pass, tolerant the
 * way exports need: CRLF, LF and CR line ends (mixed too), quoted cells spanning lines with ""
 * for a quote, bare quotes inside unquoted cells kept as text (WoS, hand-made files), rows of any
 * length, empty lines skipped. Each row carries the line it ends on.
 *
 * Why not csv-parse: with rows shorter than the header it builds an error object (a stack trace
 * and a JSON copy of its context) for every such row even when told to relax the column count;
 * 64,000 short rows took seconds. This reader is linear on every input and never throws: a quote
 * left open runs to the end of the text, which `openQuoteLine` then reports; a row wider than
 * MAX_CELLS stops the reading (`tooWideLine`).
 */
export function readDelimitedRows(
  text: string,
  delimiter: string,
): { rows: TableRow[]; openQuoteLine: number | null; tooWideLine: number | null } {
  const rows: TableRow[] = [];
  const d = delimiter.charCodeAt(0);
  const length = text.length;
  let line = 1;
  let cells: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let openQuoteLine: number | null = null;

  const endRow = (): void => {
    // An empty line (nothing between two line ends) is skipped, as csv-parse's skip_empty_lines did.
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ cells, line });
    cells = [];
  };

  while (pos <= length) {
    if (pos === length) {
      // The last row without a final line end (nothing at all after a final line end is no row).
      if (cells.length > 0) {
        cells.push('');
        endRow();
      }
      break;
    }
    let cell: string;
    if (text.charCodeAt(pos) === 34 /* " */) {
      const start = line;
      let value = '';
      let from = pos + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          // Never closed: the rest of the text is this cell.
          value += text.slice(from);
          line += countLineEnds(text, from, length);
          openQuoteLine ??= start;
          pos = length;
          break;
        }
        line += countLineEnds(text, from, quote);
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      // Text after the closing quote (`"a"b`) is kept, quote included, as csv-parse's relax_quotes did.
      const after = pos;
      while (pos < length && !isCellEnd(text.charCodeAt(pos), d)) pos++;
      cell = after < pos ? `"${value}${text.slice(after, pos)}` : value;
    } else {
      const start = pos;
      while (pos < length && !isCellEnd(text.charCodeAt(pos), d)) pos++;
      cell = text.slice(start, pos);
    }
    cells.push(cell);
    // Past a spreadsheet's width a row is not a table's row: stop before it costs memory per cell.
    if (cells.length > MAX_CELLS) return { rows, openQuoteLine, tooWideLine: line };
    if (pos >= length) {
      endRow();
      break;
    }
    const c = text.charCodeAt(pos);
    if (c === d) {
      pos++;
      if (pos === length) {
        cells.push('');
        endRow();
        break;
      }
      continue;
    }
    // A line end: CRLF, LF or CR.
    pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    endRow();
    line++;
  }
  return { rows, openQuoteLine, tooWideLine: null };
}

function isCellEnd(c: number, delimiter: number): boolean {
  return c === delimiter || c === 10 || c === 13;
}

/** Line ends (CRLF counted once) in text[from, to). */
function countLineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
