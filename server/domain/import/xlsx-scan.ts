/**
 * The elements of a workbook part (sheet, shared strings, workbook, relations) found by plain
 * string search, in one pass. Why not regexes: a lazy `<t>([\s\S]*?)</t>` rescans to the end
 * of the part from every opening tag that is never closed, so a 1 KB workbook with thousands of
 * unclosed tags took seconds; here each search starts where the previous one ended, and an
 * element that is never closed stops the reading at once.
 */

/** An element the scan found: its attribute text and its body (null for `<x …/>`). */
export interface ScannedElement {
  attrs: string;
  body: string | null;
  /** Offsets of its `<` and just after its last `>` in the scanned text. */
  at: number;
  end: number;
}

/** An element that opens and never closes (or a start tag without `>`): the workbook is damaged. */
export class UnclosedElementError extends Error {
  constructor(
    readonly tag: string,
    readonly at: number,
  ) {
    super(`a <${tag}> element is never closed`);
  }
}

/** True when `c` may follow an element name in a start tag (`<row>`, `<row r="1">`, `<row/>`). */
function endsName(c: number): boolean {
  return c === 62 /* > */ || c === 47 /* / */ || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Every `<tag …>…</tag>` and `<tag …/>` in text[from, to), in order; nested elements of the same name are not expected. */
export function* scanElements(
  text: string,
  tag: string,
  from = 0,
  to = text.length,
): Generator<ScannedElement> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let pos = from;
  while (pos < to) {
    const at = text.indexOf(open, pos);
    if (at < 0 || at >= to) return;
    const afterName = at + open.length;
    if (afterName >= to || !endsName(text.charCodeAt(afterName))) {
      pos = afterName; // <rowBreaks>, <tabColor>: another element
      continue;
    }
    const gt = text.indexOf('>', afterName);
    if (gt < 0 || gt >= to) throw new UnclosedElementError(tag, at);
    if (text.charCodeAt(gt - 1) === 47 /* / */) {
      pos = gt + 1;
      yield { attrs: text.slice(afterName, gt - 1), body: null, at, end: pos };
      continue;
    }
    const end = text.indexOf(close, gt + 1);
    if (end < 0 || end + close.length > to) throw new UnclosedElementError(tag, at);
    pos = end + close.length;
    yield { attrs: text.slice(afterName, gt), body: text.slice(gt + 1, end), at, end: pos };
  }
}

/** The first such element, or null. */
export function firstElement(text: string, tag: string): ScannedElement | null {
  for (const element of scanElements(text, tag)) return element;
  return null;
}

/** `text` with every `<tag>…</tag>` left out (Excel's phonetic runs, <rPh>, inside a shared string). */
export function withoutElements(text: string, tag: string): string {
  let out = '';
  let pos = 0;
  for (const element of scanElements(text, tag)) {
    out += text.slice(pos, element.at);
    pos = element.end;
  }
  return pos === 0 ? text : out + text.slice(pos);
}
