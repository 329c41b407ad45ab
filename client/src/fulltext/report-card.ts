import type { Report } from '../../../server/api/types';
import { api } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { doiLink, safeUrl } from '../records';
import { uploadWithProgress } from '../upload';
import { notRetrievableDialog } from './not-retrievable-dialog';
import { STATUS_LABEL, statusBadgeClass } from './reports';

/** What a change to a report says when it worked and when it did not ("PDF uploaded" / "The PDF was not uploaded"). */
export interface ChangeWords {
  done: string;
  failed: string;
}

/** What every report card of the page shares. */
export interface ReportCardContext {
  projectId: number;
  /** `/api/projects/:projectId/fulltext` */
  base: string;
  owner: boolean;
  /** Record ids the owner ticked to group into one study. */
  selected: Set<number>;
  /**
   * Runs a change to one report, then redraws the list and says on the report's card what
   * happened; resolves true when the change was made.
   */
  act: (recordId: number, words: ChangeWords, run: () => Promise<unknown>) => Promise<boolean>;
}

/** One report's card, kept across redraws so what it says (its status line) stays where it was said. */
export interface ReportCard {
  element: HTMLElement;
  /** The card's own status line: what was done to this report, announced. */
  status: HTMLElement;
  /** Draws the report as the server now has it. */
  fill(r: Report): void;
}

/** A report: its retrieval status and files; owners upload, link or give up on it. */
export function reportCard(recordId: number, context: ReportCardContext): ReportCard {
  const element = h('li', { class: 'card report', 'data-record-id': recordId });
  const status = statusLine();
  const fill = (r: Report) => mount(element, ...cardContent(r, context), status);
  return { element, status, fill };
}

function cardContent(r: Report, context: ReportCardContext): HTMLElement[] {
  const { base, owner, selected } = context;
  const id = `r${r.recordId}`;
  const pick = h('input', { type: 'checkbox', id: `${id}-pick`, checked: selected.has(r.recordId) });
  pick.addEventListener('change', () =>
    pick.checked ? selected.add(r.recordId) : selected.delete(r.recordId),
  );
  const act = (words: ChangeWords, run: () => Promise<unknown>) => context.act(r.recordId, words, run);
  const link = safeUrl(r.url);
  return [
    owner
      ? h(
          'label',
          { class: 'check', for: `${id}-pick` },
          pick,
          ` Select record ${r.recordId} to group into a study`,
        )
      : null,
    h('h2', { class: 'record-title', dir: 'auto', id: `${id}-title`, tabindex: -1 }, r.title ?? '(no title)'),
    h(
      'p',
      { class: 'muted' },
      `Record ${r.recordId}${r.year ? ` · ${r.year}` : ''} · `,
      r.doi ? doiLink(r.doi) : null,
      r.doi ? ' · ' : null,
      h('span', { class: statusBadgeClass(r.status) }, STATUS_LABEL[r.status]),
      r.fullTextOutcome
        ? h('span', { class: `badge ${r.fullTextOutcome}` }, ` eligibility: ${r.fullTextOutcome}`)
        : null,
      r.studyLabel ? h('span', { dir: 'auto' }, ` · study: ${r.studyLabel} `) : '',
      owner && r.studyLabel
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () =>
                void act(
                  { done: 'Removed from its study', failed: 'The report was not removed from its study' },
                  () => api.delete(`/api/projects/${context.projectId}/studies/reports/${r.recordId}`),
                ),
            },
            'Remove from study',
          )
        : null,
    ),
    r.status === 'not_retrievable' && r.reason
      ? h('p', { class: 'reason', dir: 'auto' }, `Not retrievable: ${r.reason}`)
      : null,
    h(
      'p',
      { class: 'actions' },
      r.hasPdf
        ? h(
            'a',
            { class: 'button', href: `${base}/${r.recordId}/pdf`, target: '_blank', rel: 'noopener' },
            `PDF: ${r.pdfOriginalName ?? 'report.pdf'}`,
          )
        : null,
      link
        ? h(
            'a',
            { class: 'button', href: link, target: '_blank', rel: 'noopener noreferrer' },
            'Full-text link',
          )
        : null,
      r.note ? h('span', { class: 'muted', dir: 'auto' }, `Note: ${r.note}`) : null,
    ),
    owner ? retrieval(r, context, act) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

/** The owner's ways to retrieve a report: upload its PDF, link it, or mark it not retrievable. */
function retrieval(
  r: Report,
  context: ReportCardContext,
  act: (words: ChangeWords, run: () => Promise<unknown>) => Promise<boolean>,
): HTMLElement {
  const { base } = context;
  const id = `r${r.recordId}`;
  const file = h('input', { id: `${id}-file`, type: 'file', accept: 'application/pdf,.pdf', name: 'file' });
  const url = h('input', { id: `${id}-url`, type: 'url', name: 'url', placeholder: 'https://…' });
  const progress = h('progress', {
    max: 1,
    value: 0,
    hidden: true,
    'aria-label': `Upload progress for record ${r.recordId}`,
  });
  const uploadWords = { done: 'PDF uploaded', failed: 'The PDF was not uploaded' };
  const dialog =
    r.status !== 'not_retrievable'
      ? notRetrievableDialog(r.recordId, (reason) =>
          act({ done: 'Marked not retrievable', failed: 'The report was not marked not retrievable' }, () =>
            api.post(`${base}/${r.recordId}/not-retrievable`, { reason }),
          ),
        )
      : null;
  return h(
    'div',
    { class: 'retrieval' },
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': `Upload the PDF of record ${r.recordId}`,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const chosen = file.files?.[0];
          const body = new FormData();
          if (chosen) body.set('file', chosen, chosen.name);
          progress.hidden = !chosen;
          void act(uploadWords, async () => {
            if (!chosen) throw new Error('choose a PDF file first');
            return uploadWithProgress(`${base}/${r.recordId}/pdf`, body, (f) => (progress.value = f));
          });
        },
      },
      h('label', { for: `${id}-file` }, 'PDF'),
      file,
      h('button', { type: 'submit' }, 'Upload PDF'),
      progress,
    ),
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': `Link the full text of record ${r.recordId}`,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void act({ done: 'Link saved', failed: 'The link was not saved' }, () =>
            api.post(`${base}/${r.recordId}/link`, { url: url.value }),
          );
        },
      },
      h('label', { for: `${id}-url` }, 'or link'),
      url,
      h('button', { type: 'submit' }, 'Save link'),
    ),
    dialog
      ? h('button', { type: 'button', class: 'exclude', onclick: () => dialog.open() }, 'Not retrievable…')
      : null,
    dialog?.element ?? null,
  );
}
