import type { Code, Field, StudyDetail } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { safeUrl } from '../records';
import { navigate } from '../router';
import { changesThatReload } from './actions';
import { codeOptions } from './code-options';
import { consensusSection, valuesSection } from './consensus-view';
import { extractionForm } from './extraction-form';
import { excerptCell } from './excerpt';
import type { StudyPdf } from './study-pdf';
import { pageLabel, pageNumbers, type PdfSelection } from '../pdf/quote';

/**
 * One included study: its record, the caller's own coding (a form that applies a code, the
 * codes applied, the extraction form), their "done", and, once both coders finished it (or
 * coding is unblinded), the other coder's work and the consensus the owner reconciles.
 */
export async function renderStudy(
  target: HTMLElement,
  base: string,
  projectId: number,
  recordId: number,
  codes: Code[],
  fields: Field[],
  owner: boolean,
  showPdf: (href: string | null) => StudyPdf | null,
): Promise<void> {
  const data = await api.get<StudyDetail>(`${base}/coding/studies/${recordId}`);
  const reload = () => navigate(`/projects/${projectId}/coding/${data.study.id}`);
  const study = `${base}/coding/studies/${data.study.id}`;
  // with its PDF beside, the study is read there: the form that codes it comes first
  const pdf = showPdf(data.fullText?.kind === 'pdf' ? data.fullText.href : null);
  const applyForm = data.done ? null : applyCodeForm(`${study}/applications`, codes, reload, pdf);
  mount(
    target,
    studyCard(data, pdf !== null),
    pdf ? applyForm : null,
    doneCard(study, data, reload),
    pdf ? null : applyForm,
    applicationsTable(base, study, data, codes, owner, reload),
    data.done ? null : extractionForm(base, data.study.id, fields, data.values),
    data.othersVisible ? valuesSection(study, data, fields, owner, reload) : null,
    data.consensus ? consensusSection(base, study, data, codes, owner, reload) : null,
  );
}

function studyCard(data: StudyDetail, pdfShown: boolean): HTMLElement {
  const s = data.study;
  return h(
    'article',
    { class: 'card' },
    h('h2', { class: 'record-title', dir: 'auto' }, s.title ?? '(no title)'),
    h('p', { class: 'record-meta' }, [s.authors.join('; '), s.year, s.journal].filter(Boolean).join(' · ')),
    data.reportIds.length > 1
      ? h(
          'p',
          { class: 'muted' },
          `One study of ${data.reportIds.length} reports (records ${data.reportIds.join(', ')}), coded once.`,
        )
      : null,
    pdfShown
      ? null
      : data.fullText
        ? h(
            'p',
            {},
            h(
              'a',
              {
                // our own PDF route, or an http(s) link: nothing else becomes a link
                href: data.fullText.href.startsWith('/api/')
                  ? data.fullText.href
                  : (safeUrl(data.fullText.href) ?? '#'),
                target: '_blank',
                rel: 'noopener noreferrer',
              },
              'Open the full text',
            ),
          )
        : h('p', { class: 'muted' }, 'No full text attached.'),
    s.abstract && !pdfShown ? h('p', { class: 'abstract', dir: 'auto' }, s.abstract) : null,
  );
}

/** The caller's "done" on the study, and what it shows: the others' work once both finished. */
function doneCard(study: string, data: StudyDetail, reload: () => void): HTMLElement {
  const { status, run } = changesThatReload(reload);
  return h(
    'section',
    { class: 'card', id: 'coding-status', 'aria-label': 'Your coding of this study' },
    h('h2', {}, data.done ? 'You have finished this study' : 'Your coding of this study'),
    h(
      'p',
      { class: 'muted' },
      data.othersVisible
        ? `Finished by: ${data.doneBy?.length ? data.doneBy.join(', ') : 'nobody yet'}.`
        : 'Blind: the other coder’s codes, excerpts and values show once you have both marked this study done.',
    ),
    h(
      'p',
      {},
      data.done
        ? h('button', { type: 'button', onclick: run(() => api.delete(`${study}/done`)) }, 'Reopen my coding')
        : h(
            'button',
            { type: 'button', class: 'primary', onclick: run(() => api.post(`${study}/done`)) },
            'Mark as done',
          ),
    ),
    status,
  );
}

/**
 * Applies a code with an excerpt and its page. Beside a PDF, selecting text there makes the
 * excerpt: its text and page fill the form, ready for a code to be chosen and applied.
 */
function applyCodeForm(url: string, codes: Code[], reload: () => void, pdf: StudyPdf | null): HTMLElement {
  const status = statusLine();
  const codeSelect = h('select', { id: 'code', name: 'code', required: true }, ...codeOptions(codes));
  const excerpt = h('textarea', {
    id: 'excerpt',
    name: 'excerpt',
    placeholder: 'Quoted text that supports the code',
  });
  const page = h('input', { id: 'page', name: 'page', size: 6 });
  const note = h('input', { id: 'note', name: 'note' });
  // said at the top of the form, in view beside the PDF where the text was selected
  const selected = statusLine();
  const fromPdf = (selection: PdfSelection) => {
    excerpt.value = selection.text;
    page.value = pageNumbers(selection);
    selected.textContent = `Excerpt from ${pageLabel(selection)} ready: choose its code, then apply it.`;
  };
  pdf?.onSelect(fromPdf);
  const useSelection = pdf
    ? h(
        'button',
        {
          type: 'button',
          onclick: () => {
            const selection = pdf.selection();
            if (selection) fromPdf(selection);
            else selected.textContent = 'Select text in the PDF first: it becomes the excerpt.';
          },
        },
        'Excerpt the PDF selection',
      )
    : null;
  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Apply a code',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await api.post(url, {
            codeId: Number(codeSelect.value),
            excerpt: excerpt.value,
            page: page.value || null,
            note: note.value,
          });
          reload();
        } catch (e) {
          status.textContent = e instanceof ApiError ? e.message : 'Could not apply the code';
        }
      },
    },
    h('h2', {}, 'Apply a code'),
    pdf ? h('p', { class: 'hint' }, 'Select text in the PDF: it becomes the excerpt, with its page.') : null,
    pdf ? selected : null,
    h('label', { for: 'code' }, 'Code'),
    codeSelect,
    h('label', { for: 'excerpt' }, 'Excerpt'),
    excerpt,
    useSelection,
    h('label', { for: 'page' }, 'Page'),
    page,
    h('label', { for: 'note' }, 'Note'),
    note,
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Apply code')),
    status,
  );
}

/** The codes applied that the caller may see; a coder removes their own, the owner accepts any into the consensus. */
function applicationsTable(
  base: string,
  study: string,
  data: StudyDetail,
  codes: Code[],
  owner: boolean,
  reload: () => void,
): HTMLElement {
  const labelOf = new Map(codes.map((c) => [c.id, c.label]));
  const { status, run } = changesThatReload(reload);
  const accepted = new Set(data.consensus?.applications.map((a) => a.fromApplicationId) ?? []);
  return h(
    'section',
    { class: 'card', id: 'codes-applied' },
    h('h2', {}, data.othersVisible ? 'Codes applied by every coder' : 'Codes you applied'),
    data.applications.length === 0
      ? h('p', { class: 'muted' }, 'None yet.')
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...['Code', 'Excerpt', 'Page', 'Coder', ''].map((t) => h('th', {}, t)))),
          h(
            'tbody',
            {},
            ...data.applications.map((a) =>
              h(
                'tr',
                { 'data-application': a.id },
                h('td', {}, labelOf.get(a.codeId) ?? String(a.codeId)),
                excerptCell(a),
                h('td', {}, a.page ?? ''),
                h('td', {}, a.coder),
                h(
                  'td',
                  {},
                  a.mine && !data.done
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          onclick: run(() => api.delete(`${base}/coding/applications/${a.id}`)),
                        },
                        'Remove',
                      )
                    : null,
                  owner && data.consensus
                    ? accepted.has(a.id)
                      ? h('span', { class: 'badge include' }, 'in consensus')
                      : h(
                          'button',
                          {
                            type: 'button',
                            'aria-label': `Accept ${a.coder}'s ${labelOf.get(a.codeId) ?? 'code'} into the consensus`,
                            onclick: run(() =>
                              api.post(`${study}/consensus/applications`, { fromApplicationId: a.id }),
                            ),
                          },
                          'Accept',
                        )
                    : null,
                ),
              ),
            ),
          ),
        ),
    status,
  );
}
