import type { Report } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { safeUrl } from '../records';
import { uploadWithProgress } from '../upload';
import { STATUS_LABEL, statusBadgeClass } from './reports';

/** What every report card of the page shares. */
export interface ReportCardContext {
  projectId: number;
  /** `/api/projects/:projectId/fulltext` */
  base: string;
  owner: boolean;
  /** Record ids the owner ticked to group into one study. */
  selected: Set<number>;
  /** Runs a change to one report, then redraws the list and says what happened. */
  act: (recordId: number, what: string, run: () => Promise<unknown>) => Promise<void>;
  /** Says something in the page's status line. */
  say: (text: string) => void;
}

/** One report: its retrieval status and files; owners upload, link or give up on it. */
export function reportCard(r: Report, context: ReportCardContext): HTMLElement {
  const { base, owner, selected } = context;
  const id = `r${r.recordId}`;
  const pick = h('input', { type: 'checkbox', id: `${id}-pick`, checked: selected.has(r.recordId) });
  pick.addEventListener('change', () =>
    pick.checked ? selected.add(r.recordId) : selected.delete(r.recordId),
  );
  const act = (what: string, run: () => Promise<unknown>) => void context.act(r.recordId, what, run);
  const link = safeUrl(r.url);
  return h(
    'li',
    { class: 'card report', 'data-record-id': r.recordId },
    owner
      ? h(
          'label',
          { class: 'check', for: `${id}-pick` },
          pick,
          ` Select record ${r.recordId} to group into a study`,
        )
      : null,
    h('h2', { class: 'record-title', dir: 'auto' }, r.title ?? '(no title)'),
    h(
      'p',
      { class: 'muted' },
      `Record ${r.recordId}${r.year ? ` · ${r.year}` : ''}${r.doi ? ` · doi:${r.doi}` : ''} · `,
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
                act('Removed from its study', () =>
                  api.delete(`/api/projects/${context.projectId}/studies/reports/${r.recordId}`),
                ),
            },
            'Remove from study',
          )
        : null,
    ),
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
  );
}

/** The owner's ways to retrieve a report: upload its PDF, link it, or mark it not retrievable. */
function retrieval(
  r: Report,
  context: ReportCardContext,
  act: (what: string, run: () => Promise<unknown>) => void,
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
          if (!chosen) {
            context.say('Choose a PDF file first.');
            return;
          }
          const body = new FormData();
          body.set('file', chosen, chosen.name);
          progress.hidden = false;
          act('PDF uploaded', () =>
            uploadWithProgress(`${base}/${r.recordId}/pdf`, body, (f) => (progress.value = f)),
          );
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
          act('Link saved', () => api.post(`${base}/${r.recordId}/link`, { url: url.value }));
        },
      },
      h('label', { for: `${id}-url` }, 'or link'),
      url,
      h('button', { type: 'submit' }, 'Save link'),
    ),
    r.status !== 'not_retrievable'
      ? h(
          'button',
          {
            type: 'button',
            class: 'exclude',
            onclick: () =>
              act('Marked not retrievable', () => api.post(`${base}/${r.recordId}/not-retrievable`, {})),
          },
          'Not retrievable',
        )
      : null,
  );
}
