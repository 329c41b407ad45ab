import type { Report } from '../../../server/api/types';
import { h } from '../dom';
import { pdfViewer } from '../pdf/viewer';
import { withQuote, pageLabel } from '../pdf/quote';
import { safeUrl } from '../records';

/** Each report's PDF or link, by record id (what the full-text list says). */
export type FullTexts = ReadonlyMap<number, Pick<Report, 'hasPdf' | 'url' | 'pdfOriginalName'>>;

/** The PDF of the record being assessed, read beside the eligibility decision. */
export interface FullTextPane {
  element: HTMLElement;
  /** Shows the PDF of this record (or says there is none); null when no record is shown. */
  show(recordId: number | null): void;
  /** Adds the text selected in the PDF to `note`, with its page; returns what to tell the reviewer. */
  quoteInto(note: HTMLTextAreaElement): string;
}

export function fullTextPane(projectId: number, fullTexts: FullTexts): FullTextPane {
  const viewer = pdfViewer({ label: 'Full text (PDF)', id: 'fulltext-pdf' });
  let shown: number | null | undefined;
  // the document and its worker go when the reviewer leaves the page
  window.addEventListener('hashchange', () => viewer.close(), { once: true });
  return {
    element: h('div', { class: 'pdf-pane' }, viewer.element),
    show(recordId) {
      if (recordId === shown) return;
      shown = recordId;
      const report = recordId === null ? undefined : fullTexts.get(recordId);
      if (recordId === null) {
        viewer.showMessage('No record shown.');
      } else if (report?.hasPdf) {
        void viewer.open(
          `/api/projects/${projectId}/fulltext/${recordId}/pdf`,
          report.pdfOriginalName ?? 'report.pdf',
        );
      } else {
        const link = safeUrl(report?.url);
        viewer.showMessage(
          'No PDF has been uploaded for this report.',
          link ? ' ' : null,
          link
            ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, 'Open its full-text link')
            : null,
        );
      }
    },
    quoteInto(note) {
      const selection = viewer.selection();
      if (!selection) return 'Select text in the PDF first, then quote it.';
      note.value = withQuote(note.value, selection);
      return `Quoted from ${pageLabel(selection)} into the note.`;
    },
  };
}
