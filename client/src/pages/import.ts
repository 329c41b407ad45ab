import type { ImportedFile, ImportResponse, Source, SourceListResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { uploadWithProgress } from '../upload';
import { sourcesEditor } from '../workspace/sources-editor';

export async function importPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);

  const files = h('input', { id: 'files', name: 'files', type: 'file', multiple: true, required: true });
  const chosen = h('p', { class: 'muted', id: 'chosen' }, 'No files chosen.');
  const showChosen = () => {
    chosen.textContent = files.files?.length
      ? [...files.files].map((f) => `${f.name} (${Math.ceil(f.size / 1024)} KB)`).join(', ')
      : 'No files chosen.';
  };
  files.addEventListener('change', showChosen);
  const drop = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('label', { for: 'files' }, 'Drop export files here, or choose them:'),
    files,
    chosen,
  );
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files.length) {
      files.files = e.dataTransfer.files;
      showChosen();
    }
  });

  const name = h('input', { id: 'source-name', name: 'name', required: true, placeholder: 'e.g. Scopus' });
  const kind = h(
    'select',
    { id: 'source-kind', name: 'kind' },
    h('option', { value: 'database' }, 'Database'),
    h('option', { value: 'register' }, 'Register'),
    h('option', { value: 'other' }, 'Other method (website, organisation, citation search)'),
  );
  const date = h('input', { id: 'search-date', name: 'searchDate', type: 'date' });
  const query = h('textarea', {
    id: 'search-string',
    name: 'searchString',
    placeholder: 'The search string as run',
  });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const status = statusLine();
  const results = h('div', { id: 'import-results' });

  const form = h(
    'form',
    {
      class: 'card',
      'aria-label': 'Import search results',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const body = new FormData();
        body.set('name', name.value);
        body.set('kind', kind.value);
        if (date.value) body.set('searchDate', date.value);
        if (query.value) body.set('searchString', query.value);
        for (const f of files.files ?? []) body.append('files', f, f.name);
        progress.hidden = false;
        progress.value = 0;
        status.textContent = 'Uploading…';
        try {
          const result = await uploadWithProgress<ImportResponse>(
            `/api/projects/${projectId}/sources`,
            body,
            (f) => (progress.value = f),
          );
          progress.value = 1;
          status.textContent = `Imported ${result.records} records from ${result.sources.length} file(s).`;
          mount(results, ...result.sources.map(importedCard));
          await refreshSources();
        } catch (e) {
          status.textContent =
            e instanceof ApiError
              ? `Nothing was imported: ${e.message}`
              : 'Nothing was imported: the upload failed.';
          status.classList.add('error');
        }
      },
    },
    h('h2', {}, 'Import search results'),
    drop,
    h('label', { for: 'source-name' }, 'Source (database or method)'),
    name,
    h('label', { for: 'source-kind' }, 'Kind'),
    kind,
    h('label', { for: 'search-date' }, 'Search date'),
    date,
    h('label', { for: 'search-string' }, 'Search string'),
    query,
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Import')),
    progress,
    status,
    results,
  );

  const table = h('div', { class: 'table-wrap' });
  // The owner corrects or deletes a source below the list (workspace/sources-editor.ts).
  const editor = h('div', { id: 'sources-editor' });
  const refreshSources = async () => {
    const latest = (await api.get<SourceListResponse>(`/api/projects/${projectId}/sources`)).sources;
    mount(table, sourcesTable(latest));
    if (project.role === 'owner' && latest.length > 0) mount(editor, sourcesEditor(projectId, latest, refreshSources));
    else mount(editor);
  };
  mount(content, h('h1', {}, 'Import'), form, h('h2', {}, 'Sources'), table, editor);
  await refreshSources();
}

function importedCard(s: ImportedFile): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, s.file),
    h('p', {}, `${s.records} records · ${s.format} · ${s.encoding}`),
    s.warnings.length === 0
      ? h('p', { class: 'muted' }, 'No warnings.')
      : h(
          'details',
          { open: true },
          h('summary', {}, `${s.warnings.length} warning(s)`),
          h(
            'ul',
            {},
            ...s.warnings
              .slice(0, 200)
              .map((w) =>
                h(
                  'li',
                  {},
                  `${w.line != null ? `line ${w.line}: ` : ''}${w.record != null ? `record ${w.record}: ` : ''}${w.message}`,
                ),
              ),
          ),
        ),
  );
}

function sourcesTable(sources: Source[]): HTMLElement {
  if (sources.length === 0) return h('p', { class: 'muted' }, 'No sources imported yet.');
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Source', 'Kind', 'Search date', 'File', 'Format', 'Records', 'Warnings'].map((t) =>
          h('th', {}, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...sources.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, s.name),
          h('td', {}, s.kind),
          h('td', {}, s.searchDate ?? ''),
          h('td', {}, s.fileName ?? ''),
          h('td', {}, s.format ?? ''),
          h('td', { class: 'num' }, s.records),
          h('td', { class: 'num' }, s.warnings.length),
        ),
      ),
    ),
  );
}
