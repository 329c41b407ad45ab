/** Text selected in a PDF and where it is; what the viewer hands to a note or an excerpt. No DOM here. */
export interface PdfSelection {
  /** The selected text, its white space (line breaks of the layout) collapsed to single spaces. */
  text: string;
  /** The 1-based page the selection starts on. */
  page: number;
  /** The page it ends on (the same page, mostly). */
  endPage: number;
}

/** Selected text as one line: the text layer breaks it where the PDF's lines break. */
export function cleanSelectedText(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** "p. 2", or "pp. 2–3" for a selection across pages: how a quote cites its place. */
export function pageLabel(selection: Pick<PdfSelection, 'page' | 'endPage'>): string {
  const { page, endPage } = selection;
  return endPage > page ? `pp. ${page}–${endPage}` : `p. ${page}`;
}

/** The page field of an excerpt: "2", or "2–3" across pages. */
export function pageNumbers(selection: Pick<PdfSelection, 'page' | 'endPage'>): string {
  const { page, endPage } = selection;
  return endPage > page ? `${page}–${endPage}` : String(page);
}

/** A selection quoted for a note: “…” (p. 2). */
export function quoteOf(selection: PdfSelection): string {
  return `“${selection.text}” (${pageLabel(selection)})`;
}

/** A note with a quote added on a line of its own after what was already written. */
export function withQuote(note: string, selection: PdfSelection): string {
  const before = note.trimEnd();
  return before ? `${before}\n${quoteOf(selection)}` : quoteOf(selection);
}
