import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { h, mount, type Child } from '../dom';
import { DOCUMENT_OPTIONS, loadPdfJs } from './pdfjs';
import { cleanSelectedText, type PdfSelection } from './quote';

/**
 * A PDF viewer for any page: a toolbar (page, zoom, download) over the pages, which scroll
 * inside the viewer. Each page is a canvas with pdf.js's text layer on top, so its text can be
 * selected; `selection()` says what is selected and on which page (the full-text eligibility
 * page quotes it into the note; coding makes excerpts of it). Pages are drawn when they come
 * into view, so a long report opens as fast as a short one.
 */
export interface PdfViewer {
  /** The viewer: a region named by `label`. */
  element: HTMLElement;
  /** Shows the PDF at `url` (replacing what was shown); resolves once its first page is drawn. */
  open(url: string, fileName?: string): Promise<void>;
  /** Shows a message where the pages go (no PDF for this report, or it could not be read). */
  showMessage(...message: Child[]): void;
  /** The text selected in the viewer's pages with the page it starts on, or null. */
  selection(): PdfSelection | null;
  /** The page at the top of the view, 1-based; 0 while no document is shown. */
  currentPage(): number;
  goToPage(n: number): void;
  /** Lets the document and its worker go (the page is being left). */
  close(): void;
}

export interface PdfViewerOptions {
  /** The accessible name of the viewer's region, e.g. "Full text (PDF)". */
  label: string;
  /** A prefix for the ids of the viewer's controls (unique on the page). */
  id?: string;
}

interface PageSlot {
  element: HTMLElement;
  /** The scale the page was last drawn at; 0 when not drawn (or no longer right). */
  drawnAt: number;
  /** The scale the page is being drawn at now (0 when idle), and the drawing under way. */
  drawingAt: number;
  drawing: RenderTask | null;
}

const ZOOM_STEP = 1.25;
const MIN_SCALE = 0.25;
const MAX_SCALE = 4;

export function pdfViewer(options: PdfViewerOptions): PdfViewer {
  const id = options.id ?? 'pdf';
  const pagesBox = h('div', { class: 'pdf-pages', tabindex: 0, 'aria-label': 'PDF pages' });
  const status = h('p', { class: 'status pdf-status', role: 'status', 'aria-live': 'polite' });
  const pageInput = h('input', {
    id: `${id}-page`,
    type: 'number',
    min: 1,
    value: 1,
    inputmode: 'numeric',
    class: 'pdf-page-input',
  });
  const pageCount = h('span', { class: 'muted' }, 'of 0');
  const zoomText = h('span', { class: 'pdf-zoom', 'aria-live': 'polite' }, '100 %');
  const download = h('a', { class: 'button', href: '#', download: '', hidden: true }, 'Download the PDF');
  const button = (label: string, text: string, onclick: () => void) =>
    h('button', { type: 'button', 'aria-label': label, title: label, onclick }, text);
  const toolbar = h(
    'div',
    { class: 'pdf-toolbar', role: 'group', 'aria-label': 'PDF pages and zoom' },
    button('Previous page', '↑', () => goToPage(currentPage() - 1)),
    h('label', { for: `${id}-page`, class: 'pdf-page-label' }, 'Page'),
    pageInput,
    pageCount,
    button('Next page', '↓', () => goToPage(currentPage() + 1)),
    button('Zoom out', '−', () => zoomTo(scale / ZOOM_STEP)),
    zoomText,
    button('Zoom in', '+', () => zoomTo(scale * ZOOM_STEP)),
    button('Fit to width', '↔', () => zoomTo(fitScale())),
    download,
  );
  const element = h(
    'section',
    { class: 'pdf-viewer', 'aria-label': options.label },
    toolbar,
    status,
    pagesBox,
  );

  let loadingTask: PDFDocumentLoadingTask | null = null;
  let doc: PDFDocumentProxy | null = null;
  let slots: PageSlot[] = [];
  let scale = 1;
  /** The width of the first page at scale 1 (fitting to width scales to it). */
  let baseWidth = 0;
  /** Bumped by every open/close, so work for a document no longer shown stops. */
  let generation = 0;

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const n = Number((entry.target as HTMLElement).dataset.pageNumber);
        void drawPage(n);
      }
    },
    { root: pagesBox, rootMargin: '300px 0px' },
  );

  pageInput.addEventListener('change', () => goToPage(Number(pageInput.value)));
  pageInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      goToPage(Number(pageInput.value));
    }
  });
  pagesBox.addEventListener('scroll', () => {
    const n = currentPage();
    if (n > 0 && document.activeElement !== pageInput) pageInput.value = String(n);
  });

  function fitScale(): number {
    const width = pagesBox.clientWidth - 16;
    return baseWidth > 0 && width > 0 ? width / baseWidth : 1;
  }

  function currentPage(): number {
    if (slots.length === 0) return 0;
    const top = pagesBox.scrollTop + pagesBox.clientHeight / 3;
    let current = 1;
    for (const [i, slot] of slots.entries()) if (slot.element.offsetTop <= top) current = i + 1;
    return current;
  }

  function goToPage(n: number): void {
    if (slots.length === 0 || !Number.isFinite(n)) return;
    const page = Math.min(Math.max(1, Math.round(n)), slots.length);
    const slot = slots[page - 1];
    if (!slot) return;
    pagesBox.scrollTop = slot.element.offsetTop - 8;
    pageInput.value = String(page);
    void drawPage(page);
  }

  function zoomTo(next: number): void {
    if (!doc) return;
    const page = currentPage();
    scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
    zoomText.textContent = `${Math.round(scale * 100)} %`;
    for (const slot of slots) {
      slot.drawing?.cancel();
      slot.drawnAt = 0;
      slot.drawingAt = 0;
      sizeSlot(slot, Number(slot.element.dataset.width), Number(slot.element.dataset.height));
    }
    goToPage(page);
    // the observer reports every page again, and draws those now in view at the new scale
    for (const slot of slots) {
      observer.unobserve(slot.element);
      observer.observe(slot.element);
    }
  }

  /** Sizes a page's box for the current scale from its size at scale 1. */
  function sizeSlot(slot: PageSlot, width: number, height: number): void {
    slot.element.dataset.width = String(width);
    slot.element.dataset.height = String(height);
    slot.element.style.width = `${Math.floor(width * scale)}px`;
    slot.element.style.height = `${Math.floor(height * scale)}px`;
    // pdf.js's text layer sizes its text from this variable
    slot.element.style.setProperty('--total-scale-factor', String(scale));
  }

  async function drawPage(n: number): Promise<void> {
    const slot = slots[n - 1];
    if (!doc || !slot || slot.drawnAt === scale || slot.drawingAt === scale) return;
    const mine = generation;
    const at = scale;
    slot.drawingAt = at;
    const current = () => mine === generation && at === scale && slot.drawingAt === at;
    try {
      const lib = await loadPdfJs();
      const page = await doc.getPage(n);
      if (!current()) return;
      const natural = page.getViewport({ scale: 1 });
      sizeSlot(slot, natural.width, natural.height);
      const viewport = page.getViewport({ scale: at });
      const ratio = window.devicePixelRatio || 1;
      const canvas = h('canvas', { 'aria-hidden': 'true' });
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      const drawing = page.render({
        canvas,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      slot.drawing = drawing;
      try {
        await drawing.promise;
      } catch (error) {
        if (error instanceof lib.RenderingCancelledException) return;
        throw error;
      }
      if (!current()) return;
      const textDiv = h('div', { class: 'textLayer' });
      const textLayer = new lib.TextLayer({
        textContentSource: page.streamTextContent(),
        container: textDiv,
        viewport,
      });
      await textLayer.render();
      if (!current()) return;
      slot.drawnAt = at;
      mount(slot.element, canvas, textDiv);
    } finally {
      if (slot.drawingAt === at) {
        slot.drawingAt = 0;
        slot.drawing = null;
      }
    }
  }

  async function open(url: string, fileName = 'report.pdf'): Promise<void> {
    close();
    const mine = generation;
    status.textContent = 'Opening the PDF…';
    download.href = url;
    download.setAttribute('download', fileName);
    download.hidden = false;
    try {
      const lib = await loadPdfJs();
      if (mine !== generation) return;
      loadingTask = lib.getDocument({ url, ...DOCUMENT_OPTIONS });
      const opened = await loadingTask.promise;
      if (mine !== generation) {
        void opened.destroy();
        return;
      }
      doc = opened;
      const first = await opened.getPage(1);
      const natural = first.getViewport({ scale: 1 });
      baseWidth = natural.width;
      scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, fitScale()));
      zoomText.textContent = `${Math.round(scale * 100)} %`;
      pageCount.textContent = `of ${opened.numPages}`;
      pageInput.max = String(opened.numPages);
      pageInput.value = '1';
      slots = Array.from({ length: opened.numPages }, (_, i) => {
        const slot: PageSlot = {
          element: h('div', { class: 'pdf-page', 'data-page-number': i + 1 }),
          drawnAt: 0,
          drawingAt: 0,
          drawing: null,
        };
        // until a page is drawn it takes the first page's size
        sizeSlot(slot, natural.width, natural.height);
        return slot;
      });
      mount(pagesBox, ...slots.map((s) => s.element));
      status.textContent = '';
      await drawPage(1);
      for (const slot of slots) observer.observe(slot.element);
    } catch (error) {
      if (mine !== generation) return;
      showMessage(`The PDF could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function showMessage(...message: Child[]): void {
    close();
    mount(pagesBox, h('p', { class: 'muted pdf-message' }, ...message));
  }

  function close(): void {
    generation += 1;
    observer.disconnect();
    for (const slot of slots) slot.drawing?.cancel();
    slots = [];
    mount(pagesBox);
    pageCount.textContent = 'of 0';
    status.textContent = '';
    download.hidden = true;
    void loadingTask?.destroy();
    loadingTask = null;
    doc = null;
  }

  function selection(): PdfSelection | null {
    const selected = document.getSelection();
    if (!selected || selected.isCollapsed || selected.rangeCount === 0) return null;
    const range = selected.getRangeAt(0);
    if (!pagesBox.contains(range.commonAncestorContainer)) return null;
    const text = cleanSelectedText(selected.toString());
    if (!text) return null;
    const pageOf = (node: Node): number | null => {
      const el = node instanceof Element ? node : node.parentElement;
      const page = el?.closest<HTMLElement>('.pdf-page')?.dataset.pageNumber;
      return page ? Number(page) : null;
    };
    const page = pageOf(range.startContainer) ?? pageOf(range.endContainer) ?? currentPage();
    return { text, page, endPage: Math.max(page, pageOf(range.endContainer) ?? page) };
  }

  return { element, open, showMessage, selection, currentPage, goToPage, close };
}
