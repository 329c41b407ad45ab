import { ParseError } from '../errors';
import { classifyStandardNumber, cleanName } from './identifiers';
import { forEachLine, isBlankLine, stripBom } from './lines';
import { cleanText, normaliseDoi, normalisePages, normalisePmid, normaliseType, parseYear, splitKeywords } from './normalise';
import { RecordOutlet, type RecordSink } from './outlet';
import { TagIndex } from './tagged';
import { emptyRecord, type BibRecord, type ParseWarning, type RawField } from './types';

// MEDLINE tags are one to four characters, padded to four, then "- ": "PMID- 1", "AU  - Li X".
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: (.*))?$/;

interface OpenRecord {
  raw: RawField[];
  line: number;
}

/**
 * Reads PubMed's MEDLINE text format (.nbib, .txt, and files misnamed .ris). Records are
 * separated by blank lines and start with PMID; wrapped values continue on lines indented
 * by six spaces and are kept joined by line breaks in `raw`.
 */
export function parseMedline(text: string, fileName: string, sink?: RecordSink): { records: BibRecord[]; warnings: ParseWarning[] } {
  const records = new RecordOutlet(sink);
  const warnings: ParseWarning[] = [];
  let current: OpenRecord | null = null;
  let skipped = 0;
  let firstSkipped = 0;

  const close = (): void => {
    if (!current) return;
    records.pushTagged(current, medlineRecord, warnings);
    current = null;
  };

  let firstText = 0;
  forEachLine(stripBom(text), (line, lineNo) => {
    if (isBlankLine(line)) {
      close();
      return;
    }
    firstText ||= lineNo;
    const tag = /^\s/.test(line) ? null : TAG_LINE.exec(line);
    if (tag) {
      const name = tag[1]!;
      const value = (tag[2] ?? '').trimEnd();
      if (name === 'PMID' && current && current.raw.length > 0) {
        // A new record starts inside another (a missing blank line): close the open one first,
        // so the fields of the two never mix.
        warnings.push({
          line: current.line,
          record: records.count + 1,
          message: `record has no blank line before the next PMID at line ${lineNo}; it was closed there`,
        });
        close();
      }
      if (!current) current = { raw: [], line: lineNo };
      current.raw.push([name, value]);
      return;
    }
    const last = current?.raw[current.raw.length - 1];
    if (last) {
      const continued = line.trim();
      last[1] = last[1] === '' ? continued : `${last[1]}\n${continued}`;
    } else {
      skipped++;
      if (!firstSkipped) firstSkipped = lineNo;
    }
  });
  close();

  if (records.count === 0) {
    if (!firstText) throw new ParseError(fileName, null, 'the file is empty');
    throw new ParseError(fileName, firstText, 'no MEDLINE record found: expected a line like "PMID- 12345678"');
  }
  if (skipped > 0) {
    warnings.push({ line: firstSkipped, record: null, message: `${skipped} line(s) of text outside any record were skipped (first at line ${firstSkipped})` });
  }
  return { records: records.finish(), warnings };
}

/** Normalised fields of one MEDLINE record. */
export function medlineRecord(raw: RawField[], warn: (message: string) => void): BibRecord {
  const tags = new TagIndex(raw);
  const record = emptyRecord();
  record.raw = raw;

  const pmid = normalisePmid(tags.first('PMID'));
  record.sourceId = pmid;
  record.pmid = pmid;
  record.title = cleanText(tags.first('TI', 'BTI', 'TT'));

  // FAU has the full "Family, Given" form; AU only "Family Initials". CN is a group author.
  const useFull = tags.has('FAU');
  const authors: string[] = [];
  for (const [tag, value] of raw) {
    if (tag === 'CN' || (useFull ? tag === 'FAU' : tag === 'AU')) {
      const name = cleanName(value);
      if (name) authors.push(name);
    }
  }
  record.authors = authors;

  const date = tags.first('DP', 'DEP', 'EDAT', 'CRDT');
  // DEP, the electronic publication date, is written 20190325: no separator marks its year, so
  // eight digits in a row are read as such a date.
  record.year = parseYear(date?.replace(/(\d{4})\d{4}/, '$1'));
  if (record.year == null && date) warn(`no year could be read from DP "${cleanText(date)}"`);

  record.type = firstKnownType(tags.values('PT'));
  record.journal = cleanText(tags.first('JT', 'TA'));
  record.volume = cleanText(tags.first('VI'));
  record.issue = cleanText(tags.first('IP'));
  record.pages = normalisePages(tags.first('PG'));
  for (const value of tags.values('LID', 'AID')) {
    if (/\[doi\]/i.test(value)) {
      record.doi = normaliseDoi(value.replace(/\[doi\]/i, ''));
      if (record.doi) break;
    }
  }
  record.issn = classifyStandardNumber(tags.first('IS')).issn;
  record.isbn = classifyStandardNumber(tags.first('ISBN')).isbn;
  record.abstract = cleanText(tags.values('AB').join('\n'));
  record.keywords = splitKeywords([...tags.values('OT'), ...tags.values('MH')].join('\n'), /\n/);
  record.language = cleanText(tags.first('LA'));
  return record;
}

/** PubMed lists several publication types ("Historical Article", "Journal Article"); the first one we know wins. */
function firstKnownType(values: string[]): string | null {
  let fallback: string | null = null;
  for (const value of values) {
    const type = normaliseType(value);
    if (type && type !== 'other') return type;
    fallback ??= type;
  }
  return fallback;
}
