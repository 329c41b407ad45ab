import type { Code, CodebookResponse, Field } from '../../../server/api/types';
import { api } from '../api';
import { codebookImport } from '../coding/codebook-import';
import { codeTreeEditor } from '../coding/codebook-editor';
import { childrenByParent } from '../coding/codes';
import { editorContext } from '../coding/editor-context';
import { fieldBuilder, KIND_NAMES } from '../coding/field-builder';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';

/**
 * The codebook: for owners its editor (the code tree, the extraction-form builder, import with a
 * preview); for other members the codebook as it reads, since coding uses it.
 */
export async function codebookPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const book = await api.get<CodebookResponse>(`${base}/codebook`);
  const heading = [
    h('h1', {}, 'Codebook'),
    h(
      'p',
      {},
      h('a', { href: `#/projects/${projectId}/coding` }, 'Back to coding'),
      ' · Export: ',
      h('a', { href: `${base}/codebook.json`, download: '' }, 'JSON'),
      ' · ',
      h('a', { href: `${base}/codebook.csv`, download: '' }, 'CSV'),
    ),
  ];
  if (project.role !== 'owner') {
    mount(
      content,
      ...heading,
      h('p', { class: 'muted' }, 'The review’s owners edit the codebook; this is how it reads now.'),
      readOnly(book.codes, book.fields),
    );
    return;
  }
  const sections: { render(): void }[] = [];
  const ctx = editorContext(
    base,
    book,
    () => content,
    () => sections.forEach((s) => s.render()),
  );
  const tree = codeTreeEditor(ctx);
  const fields = fieldBuilder(ctx);
  sections.push(tree, fields);
  mount(content, ...heading, tree.element, fields.element, codebookImport(ctx));
}

function readOnly(codes: Code[], fields: Field[]): HTMLElement {
  const byParent = childrenByParent(codes);
  const list = (parentId: number | null): HTMLElement | null => {
    const children = byParent.get(parentId);
    if (!children?.length) return null;
    return h(
      'ul',
      {},
      ...children.map((c) =>
        h(
          'li',
          {},
          h('strong', { dir: 'auto' }, c.label),
          ' ',
          h('code', {}, c.code),
          c.description ? h('span', { class: 'muted', dir: 'auto' }, ` — ${c.description}`) : null,
          list(c.id),
        ),
      ),
    );
  };
  return h(
    'div',
    {},
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Codes'),
      list(null) ?? h('p', { class: 'muted' }, 'No codes yet.'),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Extraction form (study characteristics)'),
      fields.length === 0
        ? h('p', { class: 'muted' }, 'No fields yet.')
        : h(
            'ol',
            {},
            ...fields.map((f) =>
              h(
                'li',
                {},
                h('strong', {}, f.label),
                ` · ${KIND_NAMES[f.kind]}`,
                f.options.length ? ` · ${f.options.join(', ')}` : '',
              ),
            ),
          ),
    ),
  );
}
