import { ParseError } from '../errors';
import { binaryContentError, findControlByte, refuseBinaryText } from './binary';
import { parseBibtex } from './bibtex';
import { parseDelimited } from './delimited';
import { detectFormat, isOle2, isZip } from './detect';
import { asPlainUtf8, decodeBytes } from './encoding';
import { forEachUtf8Line } from './lines';
import { parseEndnoteXml } from './endnote-xml';
import { parseMedline } from './medline';
import type { RecordSink } from './outlet';
import { parsePubmedXml } from './pubmed-xml';
import { parseRis, parseRisLines } from './ris';
import { SAMPLE_CHARS } from './detect';
import type { BibRecord, FormatId, ParseResult, ParseWarning } from './types';
import { parseWosPlain } from './wos-plain';
import { parseWosTab } from './wos-tab';
import { parseXlsx } from './xlsx';

export { detectFormat } from './detect';
export type { RecordSink } from './outlet';
export type { BibRecord, FormatId, ParseResult, ParseWarning, RawField } from './types';

export interface ParseOptions {
  /** Read the file as this format instead of sniffing its content. */
  format?: FormatId;
  /** Decode the bytes with this encoding (windows-1252, gbk, …) instead of detecting it. */
  encoding?: string;
}

/**
 * A reader turns text into records. Readers of the tagged formats also accept a sink and then
 * hand records to it one by one and return an empty list; the others ignore it.
 */
type Reader = (text: string, fileName: string, sink?: RecordSink) => { records: BibRecord[]; warnings: ParseWarning[] };

const READERS: Record<FormatId, Reader> = {
  ris: parseRis,
  medline: parseMedline,
  'wos-plain': parseWosPlain,
  'wos-tab': parseWosTab,
  csv: (text, fileName) => parseDelimited(text, fileName),
  tsv: (text, fileName) => parseDelimited(text, fileName, '\t'),
  bibtex: parseBibtex,
  'endnote-xml': parseEndnoteXml,
  'pubmed-xml': parsePubmedXml,
  xlsx: (_text, fileName) => {
    throw new ParseError(fileName, null, 'an Excel workbook is read from its bytes, not from text; it cannot be named as the format of a text file');
  },
};

/**
 * Reads one uploaded or named file: decodes the bytes (BOM, UTF-8, or a detected legacy
 * encoding), decides the format from the content (or takes the one given), and parses it
 * into normalised records with their raw fields and the warnings worth showing.
 * Throws ParseError (file, line, reason) when nothing sensible can be read.
 */
export function parseFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult {
  const records: BibRecord[] = [];
  const { format, encoding, warnings } = parseFileEach(bytes, fileName, (record) => records.push(record), options);
  return { format, encoding, records, warnings };
}

/** What parseFileEach reports once every record has been handed on. */
export interface ParseSummary {
  format: FormatId;
  encoding: string;
  count: number;
  warnings: ParseWarning[];
}

/**
 * parseFile for large imports: hands each record to `onRecord` as soon as it is read, so the
 * caller can store records in its transaction without holding them all (RIS, MEDLINE and WoS
 * plain text stream; tables are read whole, then handed on). A ParseError can still come after
 * some records were handed on, so the caller must roll back its transaction on error.
 */
export function parseFileEach(bytes: Uint8Array, fileName: string, onRecord: RecordSink, options: ParseOptions = {}): ParseSummary {
  if (bytes.length === 0) throw new ParseError(fileName, null, 'the file is empty');
  if (isOle2(bytes)) {
    throw new ParseError(fileName, null, 'this is an old Excel (.xls) or other Office binary file; save it as .xlsx or CSV (UTF-8) and import that');
  }
  const ids = new SourceIdTracker();
  let count = 0;
  const sink: RecordSink = (record) => {
    count++;
    ids.see(record, count);
    onRecord(record);
  };

  let format: FormatId;
  let encoding: string;
  let read: { records: BibRecord[]; warnings: ParseWarning[] };
  const zip = isZip(bytes) && (options.format == null || options.format === 'xlsx');
  const utf8 = zip || options.encoding ? null : asPlainUtf8(bytes, SAMPLE_CHARS);
  if (utf8) {
    // Binary content anywhere refuses a text file (see binary.ts); in valid UTF-8 a control character is one byte.
    const binary = findControlByte(bytes, utf8.start);
    if (binary >= 0) throw binaryContentError(fileName, bytes, binary);
  }
  if (zip) {
    format = 'xlsx';
    encoding = 'utf-8';
    read = parseXlsx(bytes, fileName);
  } else if (utf8 && (options.format ?? detectFormat(utf8.head, fileName)) === 'ris') {
    // A UTF-8 RIS file (the common large import) is read line by line from its bytes: see forEachUtf8Line.
    // parseRis drops one more byte-order mark from its text (stripBom): so does this.
    const start = utf8.start + (bytes[utf8.start] === 0xef && bytes[utf8.start + 1] === 0xbb && bytes[utf8.start + 2] === 0xbf ? 3 : 0);
    format = 'ris';
    encoding = 'utf-8';
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    read = parseRisLines((visit) => forEachUtf8Line(buffer, start, visit), fileName, sink);
  } else {
    const decoded = decodeBytes(bytes, fileName, options.encoding);
    if (!utf8) refuseBinaryText(decoded.text, fileName);
    encoding = decoded.encoding;
    format = options.format ?? detectFormat(decoded.text, fileName);
    read = READERS[format](decoded.text, fileName, sink);
  }
  // Readers that do not stream return their records; hand those on now.
  for (const record of read.records) sink(record);
  return { format, encoding, count, warnings: [...read.warnings, ...ids.warnings()] };
}

/** Notices source ids that several records share (an id should identify a record within its file). */
class SourceIdTracker {
  private readonly seen = new Map<string, number | number[]>();

  see(record: BibRecord, number: number): void {
    if (!record.sourceId) return;
    const earlier = this.seen.get(record.sourceId);
    if (earlier == null) this.seen.set(record.sourceId, number);
    else if (typeof earlier === 'number') this.seen.set(record.sourceId, [earlier, number]);
    else earlier.push(number);
  }

  /** One warning per shared id. */
  warnings(): ParseWarning[] {
    const warnings: ParseWarning[] = [];
    for (const [id, numbers] of this.seen) {
      if (typeof numbers === 'number') continue;
      const shown = numbers.slice(0, 5).join(', ') + (numbers.length > 5 ? ', …' : '');
      warnings.push({ line: null, record: numbers[0]!, message: `${numbers.length} records share the id "${id}" (records ${shown})` });
    }
    return warnings;
  }
}
