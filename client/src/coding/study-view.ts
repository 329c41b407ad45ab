import type { Code, Field, StudyDetail } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { safeUrl } from '../records';
import { navigate } from '../router';
import { codeOptions } from './code-options';
import { extractionForm } from './extraction-form';

/** One included study: its record, the form that applies a code, the codes applied, the extraction form. */
export async function renderStudy(
  target: HTMLElement,
  base: string,
  projectId: number,
  recordId: number,
  codes: Code[],
  fields: Field[],
): Promise<void> {
  const data = await api.get<StudyDetail>(`${base}/coding/studies/${recordId}`);
  const reload = () => navigate(`/projects/${projectId}/coding/${recordId}`);
  mount(
    target,
    studyCard(data),
    applyCodeForm(`${base}/coding/studies/${recordId}/applications`, codes, reload),
    applicationsTable(base, data, codes, reload),
    extractionForm(base, recordId, fields, data.values),
  );
}

function studyCard(data: StudyDetail): HTMLElement {
  const s = data.study;
  return h(
    'article',
    { class: 'card' },
    h('h2', { class: 'record-title', dir: 'auto' }, s.title ?? '(no title)'),
    h('p', { class: 'record-meta' }, [s.authors.join('; '), s.year, s.journal].filter(Boolean).join(' · ')),
    data.fullText
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
    s.abstract ? h('p', { class: 'abstract', dir: 'auto' }, s.abstract) : null,
  );
}

function applyCodeForm(url: string, codes: Code[], reload: () => void): HTMLElement {
  const status = statusLine();
  const codeSelect = h('select', { id: 'code', name: 'code', required: true }, ...codeOptions(codes));
  const excerpt = h('textarea', {
    id: 'excerpt',
    name: 'excerpt',
    placeholder: 'Quoted text that supports the code',
  });
  const page = h('input', { id: 'page', name: 'page', size: 6 });
  const note = h('input', { id: 'note', name: 'note' });
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
    h('label', { for: 'code' }, 'Code'),
    codeSelect,
    h('label', { for: 'excerpt' }, 'Excerpt'),
    excerpt,
    h('label', { for: 'page' }, 'Page'),
    page,
    h('label', { for: 'note' }, 'Note'),
    note,
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Apply code')),
    status,
  );
}

/** The codes every coder applied to the study; a coder removes their own. */
function applicationsTable(base: string, data: StudyDetail, codes: Code[], reload: () => void): HTMLElement {
  const labelOf = new Map(codes.map((c) => [c.id, c.label]));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Codes applied'),
    data.applications.length === 0
      ? h('p', { class: 'muted' }, 'None yet.')
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Code'),
              h('th', {}, 'Excerpt'),
              h('th', {}, 'Page'),
              h('th', {}, 'Coder'),
              h('th', {}, ''),
            ),
          ),
          h(
            'tbody',
            {},
            ...data.applications.map((a) =>
              h(
                'tr',
                {},
                h('td', {}, labelOf.get(a.codeId) ?? String(a.codeId)),
                h('td', {}, a.excerpt),
                h('td', {}, a.page ?? ''),
                h('td', {}, a.coder),
                h(
                  'td',
                  {},
                  a.mine
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          onclick: async () => {
                            await api.delete(`${base}/coding/applications/${a.id}`);
                            reload();
                          },
                        },
                        'Remove',
                      )
                    : null,
                ),
              ),
            ),
          ),
        ),
  );
}
