import { ParseError } from '../errors';

/**
 * Binary content inside a text export. Bibliographic exports are text: they never hold C0
 * control characters other than tab, line feed, vertical tab (Excel's line break inside a cell
 * on the Mac), form feed and carriage return, and at most a DOS end-of-file mark (SUB) as their
 * last byte. Anything else means the file is damaged (a download cut and spliced, random bytes
 * appended) or not an export at all. Such a file is refused whole, wherever the byte is: read
 * on, its garbage would be appended to one record and a fragment after it mistaken for another.
 */

// C0 controls but TAB (09), LF (0A), VT (0B), FF (0C) and CR (0D): control characters are the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0e-\x1f]/;
const SUB = 0x1a;

/** The offset of the first control character that text exports never contain, or -1. */
export function findControlCharacter(text: string): number {
  const match = CONTROL.exec(text);
  if (!match) return -1;
  return isFinalSub(text.charCodeAt(match.index), match.index, text.length) ? -1 : match.index;
}

/** findControlCharacter over UTF-8 bytes from `start` (control characters are single bytes in UTF-8). */
export function findControlByte(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && !isFinalSub(b, i, bytes.length)) return i;
  }
  return -1;
}

function isFinalSub(code: number, at: number, length: number): boolean {
  return code === SUB && at === length - 1;
}

/** The 1-based line of an offset in text or bytes (CRLF, LF and CR each end one line). */
export function lineOfOffset(source: string | Uint8Array, offset: number): number {
  const code = typeof source === 'string' ? (i: number) => source.charCodeAt(i) : (i: number) => source[i]!;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = code(i);
    if (c === 10 || (c === 13 && code(i + 1) !== 10)) line++;
  }
  return line;
}

/** The ParseError for binary content at `offset`, naming the line and the character. */
export function binaryContentError(
  fileName: string,
  source: string | Uint8Array,
  offset: number,
): ParseError {
  const code = typeof source === 'string' ? source.charCodeAt(offset) : source[offset]!;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return new ParseError(
    fileName,
    lineOfOffset(source, offset),
    `this is a binary file or a damaged export: the line holds the control character ${name}, which text exports never contain; nothing was imported`,
  );
}

/** Refuses text holding binary content anywhere (see the module comment). */
export function refuseBinaryText(text: string, fileName: string): void {
  const at = findControlCharacter(text);
  if (at >= 0) throw binaryContentError(fileName, text, at);
}
