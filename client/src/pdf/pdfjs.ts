import type * as PdfJs from 'pdfjs-dist';

/**
 * pdf.js (pdfjs-dist), copied from node_modules into client/dist/pdfjs/ by the build and served
 * from our own origin, so the strict Content-Security-Policy needs no exception: the module and
 * its worker load under script-src 'self' (worker-src falls back to it).
 */
export const PDFJS_BASE = '/pdfjs/';

/**
 * Options every document is opened with. No eval (pdf.js would compile PostScript functions
 * with `new Function`, which the CSP refuses) and no WebAssembly (it would need
 * 'wasm-unsafe-eval'): pdf.js then uses its JavaScript decoders, loaded from our origin too.
 */
export const DOCUMENT_OPTIONS = {
  isEvalSupported: false,
  useWasm: false,
  wasmUrl: `${PDFJS_BASE}wasm/`,
  cMapUrl: `${PDFJS_BASE}cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${PDFJS_BASE}standard_fonts/`,
  enableXfa: false,
} as const;

let loading: Promise<typeof PdfJs> | null = null;

/** pdf.js, loaded once, the first time a page shows a PDF (most pages never need its 400 kB). */
export function loadPdfJs(): Promise<typeof PdfJs> {
  if (!loading) {
    // A URL computed at run time: the bundler leaves this import alone instead of bundling pdf.js.
    const url = new URL(`${PDFJS_BASE}pdf.min.mjs`, location.href).href;
    loading = (import(url) as Promise<typeof PdfJs>).then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = `${PDFJS_BASE}pdf.worker.min.mjs`;
      return lib;
    });
    loading.catch(() => (loading = null));
  }
  return loading;
}
