import { ParseError } from '../errors';

/** One parsed CSV row with the 1-based line it starts on (rows may span lines inside quotes). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Reads RFC 4180 CSV (comma, double quotes, LF or CRLF) keeping each row's line number, so
 * errors in an imported template can name the line. A BOM is ignored.
 */
export function readCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let rowLine = 1;
  let inQuotes = false;
  let quotedCell = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    quotedCell = false;
  };
  const endRow = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell !== '' || quotedCell) throw new ParseError(file, line, 'a quote inside an unquoted field');
      inQuotes = true;
      quotedCell = true;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      line++;
      rowLine = line;
    } else {
      if (quotedCell) throw new ParseError(file, line, 'text after a closing quote');
      cell += ch;
    }
  }
  if (inQuotes) throw new ParseError(file, rowLine, 'a quoted field is never closed');
  if (cell !== '' || cells.length > 0 || quotedCell) endRow();
  return rows;
}
