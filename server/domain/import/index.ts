import { ParseError } from '../errors';
import { parseBibtex } from './bibtex';
import { parseDelimited } from './delimited';
import { detectFormat, isZip } from './detect';
import { decodeBytes } from './encoding';
import { parseEndnoteXml } from './endnote-xml';
import { parseMedline } from './medline';
import { parsePubmedXml } from './pubmed-xml';
import { parseRis } from './ris';
import type { BibRecord, FormatId, ParseResult, ParseWarning } from './types';
import { parseWosPlain } from './wos-plain';
import { parseWosTab } from './wos-tab';
import { parseXlsx } from './xlsx';

export { detectFormat } from './detect';
export type { BibRecord, FormatId, ParseResult, ParseWarning, RawField } from './types';

export interface ParseOptions {
  /** Read the file as this format instead of sniffing its content. */
  format?: FormatId;
  /** Decode the bytes with this encoding (windows-1252, gbk, …) instead of detecting it. */
  encoding?: string;
}

type Reader = (text: string, fileName: string) => { records: BibRecord[]; warnings: ParseWarning[] };

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
  if (bytes.length === 0) throw new ParseError(fileName, null, 'the file is empty');
  if (isZip(bytes) && (options.format == null || options.format === 'xlsx')) {
    return withIdWarnings({ format: 'xlsx', encoding: 'utf-8', ...parseXlsx(bytes, fileName) });
  }
  const { text, encoding } = decodeBytes(bytes, fileName, options.encoding);
  const format = options.format ?? detectFormat(text, fileName);
  return withIdWarnings({ format, encoding, ...READERS[format](text, fileName) });
}

function withIdWarnings(result: ParseResult): ParseResult {
  return { ...result, warnings: [...result.warnings, ...duplicateIdWarnings(result.records)] };
}

/** One warning per source id that several records share (ids should identify a record within its file). */
function duplicateIdWarnings(records: BibRecord[]): ParseWarning[] {
  const seen = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (!record.sourceId) return;
    const list = seen.get(record.sourceId);
    if (list) list.push(index + 1);
    else seen.set(record.sourceId, [index + 1]);
  });
  const warnings: ParseWarning[] = [];
  for (const [id, numbers] of seen) {
    if (numbers.length < 2) continue;
    const shown = numbers.slice(0, 5).join(', ') + (numbers.length > 5 ? ', …' : '');
    warnings.push({ line: null, record: numbers[0]!, message: `${numbers.length} records share the id "${id}" (records ${shown})` });
  }
  return warnings;
}
