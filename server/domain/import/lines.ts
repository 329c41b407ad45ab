/** Splits text into lines whatever the line ends: CRLF (Windows), LF (Unix) or CR alone (old Mac, some WoS exports). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A final line end does not start another (empty) line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  // Exports pasted together keep each file's byte-order mark at the start of a line.
  if (text.includes('\ufeff')) return lines.map(withoutBom);
  return lines;
}

function withoutBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

/** Drops a leading byte-order mark that survived decoding (e.g. text handed in directly). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Calls `visit` with each line and its 1-based number, whatever the line ends (CRLF, LF, CR),
 * without building an array of all lines first: large files stay cheap for the collector.
 * (A regex search per line end: scanning with indexOf for CR and LF separately was seen to
 * stall for seconds on some decoded strings.)
 * A final line end does not start another line; a byte-order mark starting a line is dropped.
 */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  const lineEnd = /\r\n|\r|\n/g;
  const length = text.length;
  let start = 0;
  let lineNo = 0;
  while (start < length) {
    lineEnd.lastIndex = start;
    const match = lineEnd.exec(text);
    const end = match ? match.index : length;
    const line = text.slice(start, end);
    visit(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, ++lineNo);
    start = match ? end + match[0].length : length;
  }
}

/** Walks lines one at a time (forEachLine over a text, or forEachUtf8Line over bytes). */
export type LineWalker = (visit: (line: string, lineNo: number) => void) => void;

/**
 * forEachLine straight over UTF-8 bytes (already known to be valid UTF-8), from `start`: the same
 * lines, numbers and BOM rule, but each line is decoded on its own. Why: one non-Latin-1 character
 * anywhere makes a whole decoded file a two-byte string, and every value sliced from it two-byte
 * too (twice the memory, slower regexes, JSON and SQLite binding); lines decoded one by one are
 * compact unless they themselves hold such a character. CR and LF bytes never occur inside a
 * multi-byte UTF-8 sequence, so splitting the bytes splits the text at the same places.
 */
export function forEachUtf8Line(bytes: Buffer, start: number, visit: (line: string, lineNo: number) => void): void {
  const length = bytes.length;
  let lineNo = 0;
  let nextLf = bytes.indexOf(10, start);
  let nextCr = bytes.indexOf(13, start);
  while (start < length) {
    if (nextLf !== -1 && nextLf < start) nextLf = bytes.indexOf(10, start);
    if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(13, start);
    let end: number;
    let after: number;
    if (nextCr === -1 && nextLf === -1) {
      end = length;
      after = length;
    } else if (nextCr === -1 || (nextLf !== -1 && nextLf < nextCr)) {
      end = nextLf;
      after = nextLf + 1;
    } else {
      end = nextCr;
      after = nextCr + 1 === nextLf ? nextCr + 2 : nextCr + 1;
    }
    const line = end > start ? bytes.toString('utf8', start, end) : '';
    visit(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, ++lineNo);
    start = after;
  }
}

/** True for an empty or all-white-space line, without allocating a trimmed copy. */
export function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 0xa0 && code !== 0x0b && code !== 0x0c) return false;
  }
  return true;
}
