/**
 * The BibTeX tokenizer and entry reader: text → @string definitions, @preamble values and
 * entries with their fields as value parts (literal text or macro names, joined by #).
 * Everything outside an entry is a comment, as in BibTeX itself. A malformed entry is
 * reported as a syntax problem and skipped: reading resumes at the next line starting with @.
 *
 * A line that starts with @ always starts the next item: a value (braced or quoted) or a
 * @comment still open there is unclosed. That keeps the reader linear: without the bound, each
 * of 16,000 entries with an unclosed brace rescanned the rest of the file (seconds for 400 KB).
 */

/** One piece of a field value: literal text (from {…}, "…" or a number) or a macro name. */
export type ValuePart = { kind: 'literal'; text: string } | { kind: 'macro'; name: string };

export interface SyntaxField {
  /** Lower-cased field name. */
  name: string;
  parts: ValuePart[];
  line: number;
}

export interface SyntaxEntry {
  kind: 'entry';
  /** Lower-cased entry type (article, inproceedings, …). */
  type: string;
  key: string;
  fields: SyntaxField[];
  line: number;
}

export interface SyntaxString {
  kind: 'string';
  name: string;
  parts: ValuePart[];
  line: number;
}

export interface SyntaxPreamble {
  kind: 'preamble';
  parts: ValuePart[];
  line: number;
}

export type SyntaxItem = SyntaxEntry | SyntaxString | SyntaxPreamble;

export interface SyntaxProblem {
  line: number;
  message: string;
  /** True when the item was dropped; false when it was kept after recovery (a missing comma). */
  skipped: boolean;
  /** The index in `items` of the entry a kept problem belongs to. */
  item?: number;
}

export interface SyntaxResult {
  items: SyntaxItem[];
  problems: SyntaxProblem[];
}

/** Raised inside the reader to abandon one malformed item; never escapes readBibtexSyntax. */
class ItemError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NAME_STOP = new Set([' ', '\t', '\n', '\r', '=', ',', '{', '}', '(', ')', '"', '#', '@', '%', "'"]);

/** Splits BibTeX text into items, collecting problems instead of throwing. */
export function readBibtexSyntax(text: string): SyntaxResult {
  return new Reader(text).read();
}

class Reader {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  /** Offsets of the @ of every line that starts (after blanks) with @, ascending. */
  private readonly itemStarts: number[] = [];
  private readonly items: SyntaxItem[] = [];
  private readonly problems: SyntaxProblem[] = [];
  /** The first % of one line (-1: none), remembered so a line full of @ is searched once. */
  private percentOf = { line: -1, at: -1 };

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    for (const start of this.lineStarts) {
      let p = start;
      while (text[p] === ' ' || text[p] === '\t') p++;
      if (text[p] === '@') this.itemStarts.push(p);
    }
  }

  read(): SyntaxResult {
    const text = this.text;
    while (this.pos < text.length) {
      const at = this.nextAt(this.pos);
      if (at < 0) break;
      this.pos = at;
      try {
        this.readItem();
      } catch (error) {
        if (!(error instanceof ItemError)) throw error;
        this.problems.push({
          line: this.lineOf(at),
          message: `${error.message} (at line ${this.lineOf(error.offset)}); entry skipped`,
          skipped: true,
        });
        this.pos = this.resumeAfter(at);
      }
    }
    return { items: this.items, problems: this.problems };
  }

  /** The next @ outside a %-comment line, from `from`; -1 if none. */
  private nextAt(from: number): number {
    const text = this.text;
    let p = from;
    for (;;) {
      const at = text.indexOf('@', p);
      if (at < 0) return -1;
      // "% @article{…}" is a commented-out entry, as bibtexparser and biber read it.
      const line = this.lineOf(at) - 1;
      const percent = this.firstPercent(line);
      if (percent < 0 || percent > at) return at;
      // Every later @ of this line is commented out too.
      p = this.lineStarts[line + 1] ?? text.length;
    }
  }

  /** The offset of the first % on a 0-based line, or -1. */
  private firstPercent(line: number): number {
    if (this.percentOf.line !== line) {
      const end = this.lineStarts[line + 1] ?? this.text.length;
      let at = -1;
      for (let p = this.lineStarts[line]!; p < end; p++) {
        if (this.text.charCodeAt(p) === 37 /* % */) {
          at = p;
          break;
        }
      }
      this.percentOf = { line, at };
    }
    return this.percentOf.at;
  }

  /** The @ of the first line after offset `p` that begins with @ (the next item's start), or the text's end. */
  private nextItemStart(p: number): number {
    const starts = this.itemStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    return starts[lo] ?? this.text.length;
  }

  /** Where to start looking again after a broken item: the next line that begins with @. */
  private resumeAfter(start: number): number {
    return this.nextItemStart(start);
  }

  private readItem(): void {
    const start = this.pos;
    this.pos++; // @
    this.skipSpace();
    const type = this.readName().toLowerCase();
    if (type === '') {
      // A stray @ in comment text (an e-mail address) is not an entry.
      return;
    }
    this.skipSpace();
    const open = this.text[this.pos];
    if (open !== '{' && open !== '(') {
      // An @ inside comment text (an e-mail address) is not an entry; one that starts a line is.
      if (type === 'comment' || !this.atLineStart(start)) return;
      throw new ItemError(this.pos, `expected "{" after @${type}`);
    }
    const close = open === '{' ? '}' : ')';
    this.pos++;
    const line = this.lineOf(start);

    if (type === 'comment') {
      this.skipBalanced(open, close, start);
      return;
    }
    if (type === 'preamble') {
      this.skipSpace();
      const parts = this.readValue();
      this.expectClose(close);
      this.items.push({ kind: 'preamble', parts, line });
      return;
    }
    if (type === 'string') {
      this.skipSpace();
      const name = this.readName();
      if (name === '') throw new ItemError(this.pos, '@string without a name');
      this.skipSpace();
      if (this.text[this.pos] !== '=')
        throw new ItemError(this.pos, `expected "=" after @string name "${name}"`);
      this.pos++;
      this.skipSpace();
      const parts = this.readValue();
      this.expectClose(close);
      this.items.push({ kind: 'string', name: name.toLowerCase(), parts, line });
      return;
    }
    this.readEntry(type, close, line);
  }

  private readEntry(type: string, close: string, line: number): void {
    const problemsBefore = this.problems.length;
    this.skipSpace();
    const key = this.readKey(close);
    const fields: SyntaxField[] = [];
    const entry: SyntaxEntry = { kind: 'entry', type, key, fields, line };
    this.skipSpace();
    if (this.text[this.pos] === ',') this.pos++;
    else if (this.text[this.pos] !== close && key !== '') {
      this.problems.push({
        line: this.lineOf(this.pos),
        message: `missing comma after the key "${key}"`,
        skipped: false,
      });
    }

    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === undefined) throw new ItemError(this.pos, `file ends inside entry "${key}"`);
      if (ch === close) {
        this.pos++;
        break;
      }
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === '@' && this.atLineStart(this.pos)) {
        // The entry was never closed; the next entry starts here. Keep what was read.
        this.problems.push({
          line,
          message: `entry "${key}" is not closed before the next entry at line ${this.lineOf(this.pos)} (an unbalanced brace in a value?); kept as read`,
          skipped: false,
        });
        break;
      }
      const fieldLine = this.lineOf(this.pos);
      const name = this.readName();
      if (name === '')
        throw new ItemError(this.pos, `unexpected "${ch}" where a field name was expected in entry "${key}"`);
      this.skipSpace();
      if (this.text[this.pos] !== '=')
        throw new ItemError(this.pos, `expected "=" after field "${name}" in entry "${key}"`);
      this.pos++;
      this.skipSpace();
      const parts = this.readValue();
      fields.push({ name: name.toLowerCase(), parts, line: fieldLine });
      this.skipSpace();
      const after = this.text[this.pos];
      if (after === ',' || after === close) continue;
      if (after === (close === '}' ? ')' : '}') && this.endsEntry(this.pos + 1)) {
        // "@book{b, … )": the wrong closer, but plainly the end of the entry.
        this.problems.push({
          line: this.lineOf(this.pos),
          message: `entry "${key}" opened with "${close === '}' ? '{' : '('}" is closed with "${after}"`,
          skipped: false,
        });
        this.pos++;
        break;
      }
      if (after === '@' && this.atLineStart(this.pos)) continue;
      if (after !== undefined && this.looksLikeField(this.pos)) {
        this.problems.push({
          line: this.lineOf(this.pos),
          message: `missing comma after field "${name}" in entry "${key}"`,
          skipped: false,
        });
        continue;
      }
      if (after === undefined) throw new ItemError(this.pos, `file ends inside entry "${key}"`);
      throw new ItemError(
        this.pos,
        `expected "," or "${close}" after field "${name}" in entry "${key}", found "${after}"`,
      );
    }
    if (key === '') this.problems.push({ line, message: `@${type} entry has no key`, skipped: false });
    for (const problem of this.problems.slice(problemsBefore)) problem.item = this.items.length;
    this.items.push(entry);
  }

  /** The citation key: everything up to a comma, white space or the closing delimiter. */
  private readKey(close: string): string {
    const start = this.pos;
    // An entry without a key starts directly with "field =".
    if (this.looksLikeField(start)) return '';
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === ',' || c === close || c === '\n' || c === '\r' || c === ' ' || c === '\t') break;
      if (c === '{' || c === '}' || c === '@') break;
      this.pos++;
    }
    return text.slice(start, this.pos);
  }

  /** A value: parts joined by #. Braced and quoted parts keep their inner text verbatim. */
  private readValue(): ValuePart[] {
    const parts: ValuePart[] = [];
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '{') parts.push({ kind: 'literal', text: this.readBraced() });
      else if (ch === '"') parts.push({ kind: 'literal', text: this.readQuoted() });
      else if (ch !== undefined && ch >= '0' && ch <= '9')
        parts.push({ kind: 'literal', text: this.readName() });
      else {
        const name = this.readName();
        if (name === '') {
          throw new ItemError(
            this.pos,
            ch === undefined ? 'file ends where a value was expected' : `expected a value, found "${ch}"`,
          );
        }
        parts.push({ kind: 'macro', name: name.toLowerCase() });
      }
      this.skipSpace();
      if (this.text[this.pos] !== '#') return parts;
      this.pos++;
      this.skipSpace();
    }
  }

  private readBraced(): string {
    const text = this.text;
    const start = this.pos;
    const limit = this.nextItemStart(start);
    let depth = 0;
    for (let p = start; p < limit; p++) {
      const c = text.charCodeAt(p);
      if (c === 92 /* \ */) {
        p++;
      } else if (c === 123 /* { */) {
        depth++;
      } else if (c === 125 /* } */) {
        depth--;
        if (depth === 0) {
          this.pos = p + 1;
          return text.slice(start + 1, p);
        }
      }
    }
    throw new ItemError(start, `unbalanced braces: a "{" is never closed${this.beforeNext(limit)}`);
  }

  /** How an unclosed value ends: at the next entry, or at the end of the file. */
  private beforeNext(limit: number): string {
    return limit < this.text.length ? ` before the next entry at line ${this.lineOf(limit)}` : '';
  }

  private readQuoted(): string {
    const text = this.text;
    const start = this.pos;
    const limit = this.nextItemStart(start);
    let depth = 0;
    for (let p = start + 1; p < limit; p++) {
      const c = text.charCodeAt(p);
      if (c === 92) p++;
      else if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0) throw new ItemError(p, 'unbalanced braces inside a quoted value');
        depth--;
      } else if (c === 34 /* " */ && depth === 0) {
        this.pos = p + 1;
        return text.slice(start + 1, p);
      }
    }
    throw new ItemError(start, `a quoted value is never closed${this.beforeNext(limit)}`);
  }

  private skipBalanced(open: string, close: string, itemStart: number): void {
    const text = this.text;
    const limit = this.nextItemStart(itemStart);
    let depth = 1;
    for (let p = this.pos; p < limit; p++) {
      const c = text[p];
      if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.pos = p + 1;
        return;
      }
    }
    // An unclosed @comment swallows nothing: BibTeX ends a comment at its line.
    const lineEnd = text.indexOf('\n', itemStart);
    this.pos = lineEnd < 0 ? text.length : lineEnd + 1;
  }

  private expectClose(close: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== close) throw new ItemError(this.pos, `expected "${close}"`);
    this.pos++;
  }

  private readName(): string {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length && !NAME_STOP.has(text[this.pos]!)) this.pos++;
    return text.slice(start, this.pos);
  }

  /** True when the text at `p` is "name =" (a field, possibly after a missing comma). */
  private looksLikeField(p: number): boolean {
    const text = this.text;
    let q = p;
    while (q < text.length && !NAME_STOP.has(text[q]!)) q++;
    if (q === p) return false;
    while (q < text.length && (text[q] === ' ' || text[q] === '\t' || text[q] === '\n' || text[q] === '\r'))
      q++;
    return text[q] === '=';
  }

  /** True when only white space lies between `p` and the end of the text or the next line starting with @. */
  private endsEntry(p: number): boolean {
    const rest = /^[ \t\r\n]*(@|$)/.exec(this.text.slice(p, p + 200));
    return rest !== null && (rest[1] === '' || this.atLineStart(p + rest[0].length - 1));
  }

  private atLineStart(p: number): boolean {
    for (let q = p - 1; q >= 0; q--) {
      const c = this.text[q];
      if (c === '\n') return true;
      if (c !== ' ' && c !== '\t') return false;
    }
    return true;
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.pos++;
      else if (c === 37 /* % */ && this.atLineStart(this.pos)) {
        // A whole-line % comment inside an entry (bibtexparser's comments_percentage cases).
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end + 1;
      } else break;
    }
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
