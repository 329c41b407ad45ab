import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { navigate } from '../router';
import { safeUrl } from '../records';

interface Code {
  id: number;
  parentId: number | null;
  code: string;
  label: string;
  description: string;
}
interface Field {
  id: number;
  key: string;
  label: string;
  kind: 'text' | 'number' | 'single' | 'multiple';
  options: string[];
}
interface StudyItem {
  id: number;
  label: string;
  title: string | null;
  applications: number;
}
interface Application {
  id: number;
  codeId: number;
  coder: string;
  excerpt: string;
  page: string | null;
  note: string;
  mine: boolean;
}
interface StudyDetail {
  study: {
    id: number;
    label: string;
    title: string | null;
    authors: string[];
    year: number | null;
    journal: string | null;
    abstract: string | null;
    doi: string | null;
    url: string | null;
  };
  fullText: { kind: 'pdf' | 'url'; href: string } | null;
  applications: Application[];
  values: Record<string, unknown>;
}

export async function codingPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const [{ codes, fields }, { studies }] = await Promise.all([
    api.get<{ codes: Code[]; fields: Field[] }>(`${base}/codebook`),
    api.get<{ studies: StudyItem[] }>(`${base}/coding/studies`),
  ]);
  const selected = params.recordId ? Number(params.recordId) : studies[0]?.id;
  const list = h(
    'nav',
    { class: 'card', 'aria-label': 'Included studies' },
    h('h2', {}, `Included studies (${studies.length})`),
    studies.length === 0
      ? h(
          'p',
          { class: 'muted' },
          'No included studies yet: they appear here once full-text screening includes them.',
        )
      : h(
          'ol',
          { class: 'study-list' },
          ...studies.map((s) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `#/projects/${projectId}/coding/${s.id}`,
                  'aria-current': s.id === selected ? 'true' : null,
                },
                s.label,
              ),
              ' ',
              h('span', { class: 'badge' }, `${s.applications} codes`),
            ),
          ),
        ),
  );
  const detail = h('div', { class: 'coding-detail' });
  mount(
    content,
    h('h1', {}, 'Coding'),
    h(
      'p',
      {},
      'Codebook: ',
      h('a', { href: `${base}/codebook.json`, download: '' }, 'JSON'),
      ' · ',
      h('a', { href: `${base}/codebook.csv`, download: '' }, 'CSV'),
    ),
    h('div', { class: 'screening' }, detail, list),
    project.role === 'owner' ? codebookEditor(base, projectId, codes) : null,
  );
  if (selected != null) await renderStudy(detail, base, projectId, selected, codes, fields);
}

function codeOptions(codes: Code[]): HTMLOptionElement[] {
  const depth = (c: Code): number => {
    let d = 0;
    for (
      let p = c.parentId;
      p != null && d < codes.length;
      p = codes.find((x) => x.id === p)?.parentId ?? null
    )
      d++;
    return d;
  };
  return codes.map((c) => h('option', { value: c.id }, `${'\u2003'.repeat(depth(c))}${c.label}`));
}

async function renderStudy(
  target: HTMLElement,
  base: string,
  projectId: number,
  recordId: number,
  codes: Code[],
  fields: Field[],
) {
  const data = await api.get<StudyDetail>(`${base}/coding/studies/${recordId}`);
  const status = statusLine();
  const reload = () => navigate(`/projects/${projectId}/coding/${recordId}`);
  const codeSelect = h('select', { id: 'code', name: 'code', required: true }, ...codeOptions(codes));
  const excerpt = h('textarea', {
    id: 'excerpt',
    name: 'excerpt',
    placeholder: 'Quoted text that supports the code',
  });
  const page = h('input', { id: 'page', name: 'page', size: 6 });
  const note = h('input', { id: 'note', name: 'note' });
  const labelOf = new Map(codes.map((c) => [c.id, c.label]));
  const s = data.study;
  mount(
    target,
    h(
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
                href: data.fullText.href.startsWith('/api/') ? data.fullText.href : (safeUrl(data.fullText.href) ?? '#'),
                target: '_blank',
                rel: 'noopener noreferrer',
              },
              'Open the full text',
            ),
          )
        : h('p', { class: 'muted' }, 'No full text attached.'),
      s.abstract ? h('p', { class: 'abstract', dir: 'auto' }, s.abstract) : null,
    ),
    h(
      'form',
      {
        class: 'card',
        'aria-label': 'Apply a code',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            await api.post(`${base}/coding/studies/${recordId}/applications`, {
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
    ),
    h(
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
    ),
    extractionForm(base, recordId, fields, data.values),
  );
}

function extractionForm(
  base: string,
  recordId: number,
  fields: Field[],
  values: Record<string, unknown>,
): HTMLElement {
  const status = statusLine();
  const inputs = fields.map((f) => {
    const id = `field-${f.key}`;
    const value = values[f.key];
    let control: HTMLElement;
    if (f.kind === 'single') {
      control = h(
        'select',
        { id, name: f.key },
        h('option', { value: '' }, '—'),
        ...f.options.map((o) => h('option', { value: o, selected: value === o }, o)),
      );
    } else if (f.kind === 'multiple') {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      control = h(
        'fieldset',
        { id },
        h('legend', {}, f.label),
        ...f.options.map((o, i) =>
          h(
            'label',
            { class: 'check' },
            h('input', {
              type: 'checkbox',
              name: f.key,
              value: o,
              checked: chosen.includes(o),
              id: `${id}-${i}`,
            }),
            ` ${o}`,
          ),
        ),
      );
    } else {
      control = h('input', {
        id,
        name: f.key,
        type: f.kind === 'number' ? 'number' : 'text',
        value: value == null ? '' : String(value),
      });
    }
    return { f, control, label: f.kind === 'multiple' ? null : h('label', { for: id }, f.label) };
  });
  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Extraction form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          for (const { f, control } of inputs) {
            const value =
              f.kind === 'multiple'
                ? [...control.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)
                : (control as HTMLInputElement | HTMLSelectElement).value;
            await api.put(`${base}/coding/studies/${recordId}/values/${encodeURIComponent(f.key)}`, {
              value,
            });
          }
          status.textContent = 'Extraction saved.';
        } catch (e) {
          status.textContent = e instanceof ApiError ? e.message : 'Could not save';
        }
      },
    },
    h('h2', {}, 'Study characteristics'),
    ...inputs.flatMap(({ label, control }) => [label, control]),
    h('p', {}, h('button', { type: 'submit' }, 'Save characteristics')),
    status,
  );
}

/** Whether the owner left the codebook editor open (it stays open across the reloads its own edits cause). */
let editorOpen = false;

/** The owner's codebook editor: add codes (under a parent or at the top), remove them, or import a codebook file. */
function codebookEditor(base: string, projectId: number, codes: Code[]): HTMLElement {
  const status = statusLine();
  const reload = () => navigate(`/projects/${projectId}/coding`);
  const fail = (e: unknown, what: string) => {
    status.textContent = e instanceof ApiError ? `${what}: ${e.message}` : what;
  };
  const key = h('input', { id: 'new-code', name: 'code', required: true, maxlength: 80 });
  const label = h('input', { id: 'new-label', name: 'label', required: true, maxlength: 300 });
  const description = h('textarea', { id: 'new-description', name: 'description', rows: 2, maxlength: 5000 });
  const parent = h('select', { id: 'new-parent', name: 'parentId' }, h('option', { value: '' }, '(top level)'), ...codeOptions(codes));
  const file = h('input', { id: 'codebook-file', type: 'file', accept: '.json,.csv,application/json,text/csv' });
  const byParent = new Map<number | null, Code[]>();
  for (const c of codes) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const tree = (parentId: number | null): HTMLElement | null => {
    const children = byParent.get(parentId);
    if (!children?.length) return null;
    return h(
      'ul',
      {},
      ...children.map((c) =>
        h(
          'li',
          {},
          h('strong', {}, c.label),
          ` (${c.code})`,
          c.description ? h('span', { class: 'muted', dir: 'auto' }, ` — ${c.description}`) : null,
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': `Remove the code ${c.label}`,
              onclick: async () => {
                try {
                  await api.delete(`${base}/codes/${c.id}`);
                  reload();
                } catch (e) {
                  fail(e, 'Could not remove the code');
                }
              },
            },
            'Remove',
          ),
          tree(c.id),
        ),
      ),
    );
  };
  const details = h(
    'details',
    { class: 'card', id: 'codebook-editor', open: editorOpen || codes.length === 0 },
    h('summary', {}, `Edit the codebook (${codes.length} codes)`),
    tree(null) ?? h('p', { class: 'muted' }, 'No codes yet.'),
    h(
      'form',
      {
        'aria-label': 'Add a code',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            await api.post(`${base}/codes`, {
              code: key.value.trim(),
              label: label.value.trim(),
              description: description.value,
              parentId: parent.value ? Number(parent.value) : null,
            });
            reload();
          } catch (e) {
            fail(e, 'Could not add the code');
          }
        },
      },
      h('h2', {}, 'Add a code'),
      h('label', { for: 'new-code' }, 'Short code'),
      key,
      h('label', { for: 'new-label' }, 'Label'),
      label,
      h('label', { for: 'new-description' }, 'Description'),
      description,
      h('label', { for: 'new-parent' }, 'Under'),
      parent,
      h('p', {}, h('button', { type: 'submit' }, 'Add code')),
    ),
    h(
      'form',
      {
        'aria-label': 'Import a codebook',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const chosen = file.files?.[0];
          if (!chosen) return;
          try {
            await api.post(`${base}/codebook/import`, {
              format: /\.csv$/i.test(chosen.name) ? 'csv' : 'json',
              text: await chosen.text(),
              fileName: chosen.name,
            });
            reload();
          } catch (e) {
            fail(e, 'Could not import the codebook');
          }
        },
      },
      h('h2', {}, 'Import a codebook'),
      h('label', { for: 'codebook-file' }, 'Codebook file (JSON or CSV, as exported above)'),
      file,
      h('p', {}, h('button', { type: 'submit' }, 'Import codebook')),
    ),
    status,
  );
  details.addEventListener('toggle', () => (editorOpen = details.open));
  return details;
}
