import { ParseError } from '../errors';
import { forEachLine, isBlankLine, stripBom } from './lines';
import { RecordOutlet, type RecordSink } from './outlet';
import type { BibRecord, ParseWarning, RawField } from './types';
import { wosRecord } from './wos-fields';

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;
// File-level lines (format name, version, end of file) that are not part of any record.
const FILE_TAGS = new Set(['FN', 'VR', 'EF']);

/**
 * Reads the Web of Science plain-text export ("FN Clarivate Analytics Web of Science",
 * "VR 1.0", records from PT to ER, "EF"). Continuation lines start with three spaces and
 * are kept joined by line breaks, so list fields (AU, CR) keep one item per line.
 * Several exports pasted into one file are read as one.
 */
export function parseWosPlain(text: string, fileName: string, sink?: RecordSink): { records: BibRecord[]; warnings: ParseWarning[] } {
  const records = new RecordOutlet(sink);
  const warnings: ParseWarning[] = [];
  let current: { raw: RawField[]; line: number } | null = null;
  let skipped = 0;
  let firstSkipped = 0;

  const close = (): void => {
    if (!current) return;
    records.pushTagged(current, wosRecord, warnings);
    current = null;
  };

  let firstText = 0;
  forEachLine(stripBom(text), (line, lineNo) => {
    if (isBlankLine(line)) return;
    firstText ||= lineNo;
    const tag = TAG_LINE.exec(line);
    if (tag) {
      const name = tag[1]!;
      const value = (tag[2] ?? '').trim();
      if (name === 'ER') {
        close();
      } else if (!current && FILE_TAGS.has(name)) {
        // header or footer line
      } else {
        if (name === 'PT' && current) {
          warnings.push({ line: current.line, record: records.count + 1, message: `record has no ER line before the next PT at line ${lineNo}` });
          close();
        }
        current ??= { raw: [], line: lineNo };
        current.raw.push([name, value]);
      }
      return;
    }
    const last = current?.raw[current.raw.length - 1];
    if (last && /^\s/.test(line)) {
      const continued = line.trim();
      last[1] = last[1] === '' ? continued : `${last[1]}\n${continued}`;
    } else {
      skipped++;
      if (!firstSkipped) firstSkipped = lineNo;
    }
  });
  if (current) {
    warnings.push({ line: (current as { line: number }).line, record: records.count + 1, message: 'file ends inside a record (no ER line); the record was kept' });
    close();
  }

  if (records.count === 0) {
    if (!firstText) throw new ParseError(fileName, null, 'the file is empty');
    throw new ParseError(fileName, firstText, 'no Web of Science record found: expected records from "PT J" to "ER"');
  }
  if (skipped > 0) {
    warnings.push({ line: firstSkipped, record: null, message: `${skipped} line(s) that are neither a field nor a continuation were skipped (first at line ${firstSkipped})` });
  }
  return { records: records.finish(), warnings };
}
