import { ParseError } from '../errors';
import { splitLines, stripBom } from './lines';
import { risRecord } from './ris-fields';
import { cleanText } from './normalise';
import type { BibRecord, ParseWarning, RawField } from './types';

// "TY  - JOUR", "ER  -", and the single-space variant some tools write ("TY - JOUR").
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;
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
export function parseRis(text: string, fileName: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  const lines = splitLines(stripBom(text));
  const records: BibRecord[] = [];
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

  const close = (open: OpenRecord): void => {
    const number = records.length + 1;
    const record = risRecord(open.raw, (message) => warnings.push({ line: open.line, record: number, message }));
    if (!record.title) warnings.push({ line: open.line, record: number, message: 'record has no title' });
    records.push(record);
  };

  const settleOrphans = (endsWithEr: boolean): void => {
    if (!orphans) return;
    const previous = records[records.length - 1];
    if (!endsWithEr && previous) {
      previous.raw.push(...orphans.raw);
      trailingAttached += orphans.raw.length;
      if (!firstTrailing) firstTrailing = orphans.line;
    } else {
      warnings.push({ line: orphans.line, record: records.length + 1, message: 'record does not start with TY; read from its first tag' });
      close(orphans);
    }
    orphans = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const tag = TAG_LINE.exec(line);

    if (tag) {
      blankSinceTag = false;
      const name = tag[1]!;
      const value = (tag[2] ?? '').trimEnd();
      if (name === 'TY') {
        if (current) {
          warnings.push({ line: current.line, record: records.length + 1, message: `record has no ER line before the next TY at line ${lineNo}` });
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
      continue;
    }

    if (line.trim() === '') {
      blankSinceTag = true;
      continue;
    }
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
  }

  if (current) {
    const open: OpenRecord = current;
    warnings.push({ line: open.line, record: records.length + 1, message: 'file ends inside a record (no ER line); the record was kept' });
    close(open);
  }
  settleOrphans(false);

  if (records.length === 0) {
    const firstText = lines.findIndex((l) => l.trim() !== '');
    if (firstText < 0) throw new ParseError(fileName, null, 'the file is empty');
    throw new ParseError(fileName, firstText + 1, `no RIS record found: expected a line like "TY  - JOUR", found "${preview(lines[firstText]!)}"`);
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
  return { records, warnings };
}

function preview(line: string): string {
  const text = cleanText(line) ?? '';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
