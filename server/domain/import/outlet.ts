import type { BibRecord, ParseWarning, RawField } from './types';

/** Receives records one at a time, so a large import can store them without holding them all. */
export type RecordSink = (record: BibRecord) => void;

/**
 * Where a tagged-format reader puts finished records: into a sink when one is given, else into
 * a list. A record is handed on only when the next one is finished (or at the end), because
 * some exporters write a record's last fields after its ER line (Ovid's NL).
 */
export class RecordOutlet {
  count = 0;
  private latest: BibRecord | null = null;
  private readonly collected: BibRecord[] = [];

  constructor(private readonly sink?: RecordSink) {}

  push(record: BibRecord): void {
    if (this.latest) this.handOn(this.latest);
    this.latest = record;
    this.count++;
  }

  /**
   * Builds a tagged-format record (RIS, MEDLINE, WoS plain text) from its raw fields and pushes
   * it; the builder's warnings, and a missing title, are reported with the record's line and number.
   */
  pushTagged(
    open: { raw: RawField[]; line: number },
    build: (raw: RawField[], warn: (message: string) => void) => BibRecord,
    warnings: ParseWarning[],
  ): void {
    const number = this.count + 1;
    const record = build(open.raw, (message) => warnings.push({ line: open.line, record: number, message }));
    if (!record.title) warnings.push({ line: open.line, record: number, message: 'record has no title' });
    this.push(record);
  }

  /** The record pushed last, still open to trailing fields. */
  last(): BibRecord | null {
    return this.latest;
  }

  /** Hands on the last record; returns the collected list (empty when a sink took them). */
  finish(): BibRecord[] {
    if (this.latest) this.handOn(this.latest);
    this.latest = null;
    return this.collected;
  }

  private handOn(record: BibRecord): void {
    if (this.sink) this.sink(record);
    else this.collected.push(record);
  }
}
