import { h } from '../dom';
import { pdfViewer, type PdfViewer } from '../pdf/viewer';
import type { PdfSelection } from '../pdf/quote';

/** The PDF of the study being coded, read beside the coding panel. */
export interface StudyPdf {
  /** The text selected in the PDF with its page, or null. */
  selection(): PdfSelection | null;
  /** What to do when the coder has selected text in the PDF (the last form drawn sets it). */
  onSelect(handler: (selection: PdfSelection) => void): void;
}

/**
 * One viewer, kept across the redraws of the coding page (every code applied redraws it): the
 * PDF is not fetched and drawn again, and the coder stays on the page they were reading.
 */
interface Kept {
  href: string;
  viewer: PdfViewer;
  pane: HTMLElement;
  /** The page being read (a redraw goes back to it). */
  page: number;
  handler: ((selection: PdfSelection) => void) | null;
}
let kept: Kept | null = null;

function forget(): void {
  kept?.viewer.close();
  kept = null;
}

// leaving the coding page lets the document and its worker go
window.addEventListener('hashchange', () => {
  if (kept && !/^#\/projects\/\d+\/coding(\/|$)/.test(location.hash)) forget();
});

/**
 * Shows the PDF at `href` in `grid` (the coding page's columns), first in it, and lays the
 * page out with the PDF beside the coding panel; null (a study without a PDF) lets it go.
 */
export function pdfBeside(grid: HTMLElement, href: string | null): StudyPdf | null {
  if (href === null) {
    forget();
    return null;
  }
  if (kept?.href !== href) {
    forget();
    const viewer = pdfViewer({ label: 'Full text (PDF)', id: 'coding-pdf' });
    const pane = h('div', { class: 'pdf-pane' }, viewer.element);
    const state: Kept = { href, viewer, pane, page: 1, handler: null };
    kept = state;
    const pages = viewer.element.querySelector('.pdf-pages');
    // remembered while it is read: a redraw puts the viewer back on this page
    pages?.addEventListener('scroll', () => (state.page = viewer.currentPage() || state.page));
    // a selection made with the mouse, or with the keyboard (shift and the arrows), is offered
    const selected = () => {
      const selection = viewer.selection();
      if (selection) state.handler?.(selection);
    };
    pages?.addEventListener('mouseup', selected);
    pages?.addEventListener('keyup', (event) => {
      if ((event as KeyboardEvent).shiftKey) selected();
    });
    void viewer.open(href);
  }
  const state = kept!;
  // the form drawn with this page sets its own (a finished study draws none)
  state.handler = null;
  grid.classList.add('with-pdf');
  grid.prepend(state.pane);
  if (state.page > 1) state.viewer.goToPage(state.page);
  return {
    selection: () => state.viewer.selection(),
    onSelect: (handler) => (state.handler = handler),
  };
}
