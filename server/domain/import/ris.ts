import { ParseError } from '../errors';
import { forEachLine, isBlankLine, stripBom, type LineWalker } from './lines';
import { risRecord } from './ris-fields';
import { cleanText } from './normalise';
import { RecordOutlet, type RecordSink } from './outlet';
import type { BibRecord, ParseWarning, RawField } from './types';

/**
 * The tag of a line like "TY  - JOUR" or "ER  -" (or the single-space "TY - JOUR" some tools
 * write), else null. Written with character codes because it runs on every line of large files.
 */
function tagOf(line: string): string | null {
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  if (!(c0 >= 65 && c0 <= 90) || !((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57)) || line.charCodeAt(2) !== 32) return null;
  // dash at index 3 ("TY - x") or 4 ("TY  - x"), then a space or the end of the line
  const dash = line.charCodeAt(3) === 45 ? 3 : line.charCodeAt(3) === 32 && line.charCodeAt(4) === 45 ? 4 : -1;
  if (dash < 0) return null;
  if (line.length > dash + 1 && line.charCodeAt(dash + 1) !== 32) return null;
  return line.slice(0, 2);
}

// Ovid and other hosts number records ("1.") between them: noise, not content.
const RECORD_NUMBER = /^\s*\d+\.\s*$/;

interface OpenRecord {
  raw: RawField[];
  line: number;
}

/**
 * Reads RIS as written by the many tools that export it. Tolerates a BOM, any line ends,
 * untagged continuation lines (appended to the field above, joined by a line break), empty
 * values, records without ER, stray text between records, and tags written after ER.
 */
export function parseRis(text: string, fileName: string, sink?: RecordSink): { records: BibRecord[]; warnings: ParseWarning[] } {
  return parseRisLines((visit) => forEachLine(stripBom(text), visit), fileName, sink);
}

/** parseRis over any line walker (a large UTF-8 file is walked from its bytes: see forEachUtf8Line). */
export function parseRisLines(
  eachLine: LineWalker,
  fileName: string,
  sink?: RecordSink,
): { records: BibRecord[]; warnings: ParseWarning[] } {
  const records = new RecordOutlet(sink);
  const warnings: ParseWarning[] = [];

  let current: OpenRecord | null = null;
  // Tagged lines after an ER and before the next TY: either trailing fields of the record just
  // closed (Ovid writes NL after ER) or a record whose TY is missing (then an ER follows).
  let orphans: OpenRecord | null = null;
  let skipped = 0;
  let firstSkipped = 0;
  let trailingAttached = 0;
  let firstTrailing = 0;
  // After ER, text below a blank line is export decoration (Ovid's "Link to …"), not a value.
  let blankSinceTag = false;

  const close = (open: OpenRecord): void => records.pushTagged(open, risRecord, warnings);

  const settleOrphans = (endsWithEr: boolean): void => {
    if (!orphans) return;
    const previous = records.last();
    if (!endsWithEr && previous) {
      previous.raw.push(...orphans.raw);
      trailingAttached += orphans.raw.length;
      if (!firstTrailing) firstTrailing = orphans.line;
    } else {
      warnings.push({ line: orphans.line, record: records.count + 1, message: 'record does not start with TY; read from its first tag' });
      close(orphans);
    }
    orphans = null;
  };

  let firstText: { lineNo: number; line: string } | null = null;

  eachLine((line, lineNo) => {
    const name = tagOf(line);

    if (name) {
      blankSinceTag = false;
      const start = line.charCodeAt(3) === 45 ? 5 : 6;
      const value = line.length > start ? line.slice(start).trimEnd() : '';
      if (name === 'TY') {
        if (current) {
          warnings.push({ line: current.line, record: records.count + 1, message: `record has no ER line before the next TY at line ${lineNo}` });
          close(current);
        }
        settleOrphans(false);
        current = { raw: [['TY', value]], line: lineNo };
      } else if (name === 'ER') {
        if (current) {
          close(current);
          current = null;
        } else if (orphans) {
          settleOrphans(true);
        } else {
          warnings.push({ line: lineNo, record: null, message: 'ER line outside any record was ignored' });
        }
      } else if (current) {
        current.raw.push([name, value]);
      } else if (orphans) {
        orphans.raw.push([name, value]);
      } else {
        orphans = { raw: [[name, value]], line: lineNo };
      }
      return;
    }

    if (isBlankLine(line)) {
      blankSinceTag = true;
      return;
    }
    firstText ??= { lineNo, line };
    const target = current ?? (blankSinceTag ? null : orphans);
    const last = target?.raw[target.raw.length - 1];
    if (last) {
      // An untagged line continues the field above (EndNote keywords, Scopus notes, wrapped abstracts).
      const continued = line.trim();
      last[1] = last[1] === '' ? continued : `${last[1]}\n${continued}`;
    } else if (!RECORD_NUMBER.test(line)) {
      skipped++;
      if (!firstSkipped) firstSkipped = lineNo;
    }
  });

  if (current) {
    const open: OpenRecord = current;
    warnings.push({ line: open.line, record: records.count + 1, message: 'file ends inside a record (no ER line); the record was kept' });
    close(open);
  }
  settleOrphans(false);

  if (records.count === 0) {
    const first = firstText as { lineNo: number; line: string } | null;
    if (!first) throw new ParseError(fileName, null, 'the file is empty');
    throw new ParseError(fileName, first.lineNo, `no RIS record found: expected a line like "TY  - JOUR", found "${preview(first.line)}"`);
  }
  if (skipped > 0) {
    warnings.push({ line: firstSkipped, record: null, message: `${skipped} line(s) of text outside any record were skipped (first at line ${firstSkipped})` });
  }
  if (trailingAttached > 0) {
    warnings.push({
      line: firstTrailing,
      record: null,
      message: `${trailingAttached} tagged line(s) written after an ER were kept with the record before them (first at line ${firstTrailing})`,
    });
  }
  return { records: records.finish(), warnings };
}

function preview(line: string): string {
  const text = cleanText(line) ?? '';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
