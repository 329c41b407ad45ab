import type { Code } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { statusLine } from '../layout';
import { navigate } from '../router';
import { codeOptions } from './code-options';
import { childrenByParent } from './codes';

/** Whether the owner left the codebook editor open (it stays open across the reloads its own edits cause). */
let editorOpen = false;

type Fail = (e: unknown, what: string) => void;

/** The owner's codebook editor: add codes (under a parent or at the top), remove them, or import a codebook file. */
export function codebookEditor(base: string, projectId: number, codes: Code[]): HTMLElement {
  const status = statusLine();
  const reload = () => navigate(`/projects/${projectId}/coding`);
  const fail: Fail = (e, what) => {
    status.textContent = e instanceof ApiError ? `${what}: ${e.message}` : what;
  };
  const details = h(
    'details',
    { class: 'card', id: 'codebook-editor', open: editorOpen || codes.length === 0 },
    h('summary', {}, `Edit the codebook (${codes.length} codes)`),
    codeTree(base, codes, reload, fail) ?? h('p', { class: 'muted' }, 'No codes yet.'),
    addCodeForm(base, codes, reload, fail),
    importForm(base, reload, fail),
    status,
  );
  details.addEventListener('toggle', () => (editorOpen = details.open));
  return details;
}

/** The codes as nested lists, each with a button that removes it. */
function codeTree(base: string, codes: Code[], reload: () => void, fail: Fail): HTMLElement | null {
  const byParent = childrenByParent(codes);
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
  return tree(null);
}

function addCodeForm(base: string, codes: Code[], reload: () => void, fail: Fail): HTMLElement {
  const key = h('input', { id: 'new-code', name: 'code', required: true, maxlength: 80 });
  const label = h('input', { id: 'new-label', name: 'label', required: true, maxlength: 300 });
  const description = h('textarea', { id: 'new-description', name: 'description', rows: 2, maxlength: 5000 });
  const parent = h(
    'select',
    { id: 'new-parent', name: 'parentId' },
    h('option', { value: '' }, '(top level)'),
    ...codeOptions(codes),
  );
  return h(
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
  );
}

function importForm(base: string, reload: () => void, fail: Fail): HTMLElement {
  const file = h('input', {
    id: 'codebook-file',
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
  });
  return h(
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
  );
}
