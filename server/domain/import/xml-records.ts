import { ParseError } from '../errors';
import type { ParseWarning } from './types';
import { parseXml, type XmlElement } from './xml';

export interface XmlRecord {
  element: XmlElement;
  /** 1-based line of the record's opening tag. */
  line: number;
}

/**
 * Reads the record elements (EndNote's <record>, PubMed's <PubmedArticle>) of a bibliographic
 * XML export one at a time. Parsing record by record keeps memory proportional to one record
 * rather than to the whole library, and lets a broken record be skipped with a warning (its
 * line and the XML error) while the others are read, as the BibTeX reader does with entries.
 * A document with no record element is parsed whole, so its error or its root is reported.
 */
export function readXmlRecords(
  text: string,
  fileName: string,
  tags: readonly string[],
): { records: XmlRecord[]; warnings: ParseWarning[]; roots: string[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = lineStarts(source);
  const lineOf = (offset: number): number => lineAt(lines, offset);
  const entity = /<!ENTITY/i.exec(source);
  if (entity) throw new ParseError(fileName, lineOf(entity.index), 'XML entity declarations are not allowed');

  const opening = new RegExp(`<(${tags.join('|')})(?=[\\s>/])`, 'g');
  const starts: { offset: number; tag: string }[] = [];
  for (let match = opening.exec(source); match; match = opening.exec(source)) {
    starts.push({ offset: match.index, tag: match[1]! });
  }
  if (starts.length === 0) {
    const { elements } = parseXml(source, fileName);
    return { records: [], warnings: [], roots: elements.map((e) => e.name) };
  }

  const records: XmlRecord[] = [];
  const warnings: ParseWarning[] = [];
  let firstFailure: { line: number; message: string } | null = null;
  // The next closing tag of each record element, found once: searching again from every
  // opening tag would rescan the rest of the file for each unclosed record (quadratic).
  const closes = new Map<string, number>();
  const nextClose = (closeTag: string, from: number): number => {
    let at = closes.get(closeTag);
    if (at === undefined || (at >= 0 && at < from)) {
      at = source.indexOf(closeTag, from);
      closes.set(closeTag, at);
    }
    return at;
  };
  for (let index = 0; index < starts.length; index++) {
    const { offset, tag } = starts[index]!;
    const line = lineOf(offset);
    const nextStart = starts[index + 1]?.offset ?? source.length;
    const closeTag = `</${tag}>`;
    const close = nextClose(closeTag, offset);
    let failure: string | null = null;
    if (close < 0 || close > nextStart) {
      failure = `<${tag}> at line ${line} is never closed`;
    } else {
      try {
        const { elements, warnings: chunkWarnings } = parseXml(
          source.slice(offset, close + closeTag.length),
          fileName,
        );
        for (const message of chunkWarnings) warnings.push({ line, record: records.length + 1, message });
        const element = elements[0];
        if (element) records.push({ element, line });
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        // The chunk's own line numbers start at the record's line.
        const reason = error.reason.replace(
          /opened in line (\d+), col \d+/,
          (_m, l: string) => `opened in line ${line + Number(l) - 1}`,
        );
        failure = `line ${error.line != null ? line + error.line - 1 : line}: ${reason}`;
      }
    }
    if (failure) {
      firstFailure ??= { line, message: failure };
      warnings.push({ line, record: null, message: `${failure}; record skipped` });
    }
  }
  if (records.length === 0 && firstFailure) {
    const { line, message } = firstFailure;
    throw new ParseError(fileName, line, `no record could be read: ${message}`);
  }
  return { records, warnings, roots: [] };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
