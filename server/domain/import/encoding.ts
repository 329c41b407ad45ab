import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ParseError } from '../errors';
import { lineOfOffset } from './binary';

/** Text decoded from a file's bytes, with the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: string;
}

// chardet names the ISO 8859-1 family when it sees bytes 0x80–0xFF; exports from Windows tools
// are Windows-1252 in practice, and 1252 decodes every Latin-1 letter identically while also
// giving curly quotes and dashes (0x80–0x9F) their real characters instead of C1 controls.
const CHARDET_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'windows-1252',
  gb2312: 'gbk',
  gb18030: 'gb18030',
};

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes file bytes: a byte-order mark wins, then valid UTF-8, then the encoding chardet
 * guesses (Windows-1252, GBK, Shift-JIS, …), decoded with iconv-lite. A named encoding skips
 * the guessing. The BOM is never part of the returned text.
 */
export function decodeBytes(bytes: Uint8Array, fileName: string, named?: string): DecodedText {
  if (named) return decodeAs(bytes, fileName, named);

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // Marked as UTF-8: any byte that is not UTF-8 is damage, never another encoding.
    if (!isUtf8(bytes.subarray(3))) throw invalidUtf8(bytes, fileName, utf8Census(bytes).firstInvalid);
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(toBuffer(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(toBuffer(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };

  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: iconv.decode(toBuffer(bytes), utf16), encoding: utf16 };

  try {
    return { text: FATAL_UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: damaged UTF-8, or a legacy encoding
  }

  // A file written as UTF-8 holds many valid multi-byte characters and, when damaged, a few
  // invalid bytes; a legacy one (Windows-1252, GBK) holds almost no valid UTF-8 sequence by chance.
  const census = utf8Census(bytes);
  if (census.valid > census.invalid) throw invalidUtf8(bytes, fileName, census.firstInvalid);

  const guessed = guessLegacyEncoding(bytes);
  if (WESTERN_ENCODINGS.has(guessed)) {
    // Western text has a letter or two outside ASCII at a time; a long run of such bytes is not text.
    const run = nonAsciiRun(bytes, MAX_WESTERN_RUN);
    if (run >= 0) {
      throw new ParseError(
        fileName,
        lineOfOffset(bytes, run),
        `this is a binary file or a damaged export: the line holds a run of more than ${MAX_WESTERN_RUN} bytes that are neither UTF-8 nor ${guessed} text; nothing was imported`,
      );
    }
  }
  return { text: iconv.decode(toBuffer(bytes), guessed), encoding: guessed };
}

// Encodings whose letters are mostly ASCII (Western, Central European, Turkish, Baltic).
const WESTERN_ENCODINGS = new Set([
  'windows-1252',
  'windows-1250',
  'windows-1254',
  'windows-1257',
  'iso-8859-1',
  'iso-8859-2',
  'iso-8859-9',
  'iso-8859-13',
  'iso-8859-15',
]);
const MAX_WESTERN_RUN = 16;

/** The offset of the first run of more than `max` consecutive bytes ≥ 0x80, or -1. */
function nonAsciiRun(bytes: Uint8Array, max: number): number {
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) run = 0;
    else if (++run > max) return i - max;
  }
  return -1;
}

function invalidUtf8(bytes: Uint8Array, fileName: string, offset: number): ParseError {
  return new ParseError(
    fileName,
    lineOfOffset(bytes, Math.max(0, offset)),
    `this is a binary file or a damaged export: the line holds bytes that are not UTF-8 in a file that is otherwise UTF-8; nothing was imported`,
  );
}

/**
 * Counts the well-formed multi-byte UTF-8 characters and the invalid bytes (each maximal
 * invalid sequence once), and where the first invalid one is (-1: none).
 */
export function utf8Census(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const size = sequenceLength(bytes, i);
    if (size > 0) {
      valid++;
      i += size;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}

/** The length of the well-formed UTF-8 character (2–4 bytes) starting at `i`, or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const b1 = bytes[i + 1] ?? 0;
  const cont = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(b1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    // No overlong forms (E0 needs A0–BF) and no surrogates (ED needs 80–9F).
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return b1 >= low && b1 <= high && cont(bytes[i + 2]) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return b1 >= low && b1 <= high && cont(bytes[i + 2]) && cont(bytes[i + 3]) ? 4 : 0;
  }
  return 0;
}

/** Where decodeBytes' text starts in bytes it reads as UTF-8, and the first characters of that text. */
export interface Utf8Text {
  /** Offset of the text after the byte-order mark(s) that decoding drops. */
  start: number;
  /** At least the first `headChars` characters of the text (all of it for a short file), as decodeBytes gives them. */
  head: string;
}

const BOM = [0xef, 0xbb, 0xbf] as const;

function bomAt(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === BOM[0] && bytes[at + 1] === BOM[1] && bytes[at + 2] === BOM[2];
}

/**
 * For bytes that decodeBytes (without a named encoding) reads as valid UTF-8: where the text
 * starts and its head, so that a large file can be read line by line from its bytes instead of
 * being decoded whole; null for every other case (UTF-16, legacy encodings, invalid UTF-8).
 */
export function asPlainUtf8(bytes: Uint8Array, headChars: number): Utf8Text | null {
  let start: number;
  if (bomAt(bytes, 0)) {
    if (!isUtf8(bytes)) return null;
    start = 3;
  } else {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
    if (bomlessUtf16(bytes) || !isUtf8(bytes)) return null;
    start = 0;
  }
  // The decoder (TextDecoder without ignoreBOM) drops one more byte-order mark at the start.
  if (bomAt(bytes, start)) start += 3;
  // A UTF-16 unit takes at most 3 bytes of UTF-8; cut on a character boundary.
  let end = Math.min(bytes.length, start + 3 * headChars);
  while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
  return { start, head: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, end)) };
}

function decodeAs(bytes: Uint8Array, fileName: string, named: string): DecodedText {
  const encoding = named.trim().toLowerCase();
  if (!iconv.encodingExists(encoding)) {
    throw new ParseError(fileName, null, `unknown text encoding "${named}"`);
  }
  const text = iconv.decode(toBuffer(bytes), encoding); // iconv-lite strips a BOM by default
  return { text, encoding };
}

/**
 * UTF-16 without a byte-order mark (some Windows exports): in mostly-ASCII text every other
 * byte is NUL. NUL bytes are valid UTF-8, so this must be checked first.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 2000);
  if (sample < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

const SAMPLE_BYTES = 256 * 1024;

/** The most likely single-byte or CJK encoding for bytes that are not valid UTF-8. */
function guessLegacyEncoding(bytes: Uint8Array): string {
  // Only the bytes that are not ASCII tell encodings apart; a sample keeps big files fast. When
  // the first 256 KB are all ASCII, the sample starts at the first byte that is not: the first
  // 256 KB alone would say nothing, and the encoding guessed from them would refuse the rest.
  const first = bytes.findIndex((b) => b >= 0x80);
  const from = first < SAMPLE_BYTES ? 0 : first;
  const sample = bytes.subarray(from, from + SAMPLE_BYTES);
  const candidates = chardet.analyse(sample);
  const top = candidates[0];
  // chardet needs many bytes to recognise CJK; a short Chinese field (a name, a journal) is
  // usually scored as Latin-1. Western text has lone accented letters between ASCII ones,
  // while GBK writes every character as a pair of high bytes that decodes to Han script.
  // A guess at 60 is doubted too: chardet gives four GBK characters (北京大学) 60 as KOI8-R.
  if ((!top || top.confidence <= 60 || /^(iso-8859|windows-12)/i.test(top.name)) && looksLikeGbk(sample))
    return 'gbk';
  for (const candidate of candidates) {
    const name = candidate.name.toLowerCase();
    if (name.startsWith('utf')) continue; // already ruled out by the strict UTF-8 decode
    const encoding = CHARDET_ALIASES[name] ?? name;
    if (iconv.encodingExists(encoding)) return encoding;
  }
  return 'windows-1252';
}

/**
 * True when every run of non-ASCII bytes has even length and decodes as GBK to CJK characters, and
 * at most half the runs sit inside a word. Western accented letters come in pairs too (Portuguese
 * ção, ções: E7 E3, E7 F5, both GBK characters), but between Latin letters, where Chinese text is
 * only now and then (用BP算法和GA算法).
 */
function looksLikeGbk(bytes: Uint8Array): boolean {
  let runs = 0;
  let insideWords = 0;
  let run = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? bytes[i]! : 0;
    if (byte >= 0x80) {
      run++;
    } else if (run > 0) {
      if (run % 2 === 1) return false;
      runs++;
      if (isLatinLetter(bytes[i - run - 1]) && isLatinLetter(byte)) insideWords++;
      run = 0;
    }
  }
  if (runs === 0 || insideWords * 2 > runs) return false;
  const decoded = iconv.decode(toBuffer(bytes), 'gbk');
  if (decoded.includes('\ufffd')) return false;
  const wide = decoded.match(/[^\t\n\r\x20-\x7e]/g) ?? [];
  const han = decoded.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g) ?? [];
  return han.length >= wide.length * 0.8;
}

function isLatinLetter(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
