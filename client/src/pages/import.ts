import type {
  ImportedFile,
  ImportJob,
  ImportJobResponse,
  ImportJobStatus,
  Source,
  SourceListResponse,
} from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { alreadyImportedText, isAlreadyImported } from '../import/already-imported';
import { loadProject } from '../project';
import { sourcesEditor } from '../workspace/sources-editor';
import { UploadAborted, uploadWithProgress } from '../upload';

/** How often a running import is asked for its progress. */
const POLL_MS = 400;
const FINISHED: ReadonlySet<ImportJobStatus> = new Set(['done', 'failed', 'cancelled']);

/** "Reading scopus.ris (file 1 of 2): 12,000 records read…" */
function describeJob(job: ImportJob): string {
  if (job.status === 'waiting') return 'Uploaded; waiting for a reader (another import is running)…';
  const current = Math.max(
    0,
    job.files.findIndex((f) => f.status === 'reading'),
  );
  const file = job.files[current];
  const of = job.files.length > 1 ? ` (file ${current + 1} of ${job.files.length})` : '';
  return `Reading ${file?.file ?? 'the files'}${of}: ${job.records.toLocaleString('en')} records read…`;
}

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
  const owner = project.role === 'owner';
  // said before anything is filled in: a reviewer's upload would only be refused
  const notAllowed = owner
    ? null
    : h(
        'p',
        { class: 'notice', id: 'import-not-allowed' },
        `Only the review’s owners import search results; you are a ${project.role} here. `,
        'Ask an owner to import the file.',
      );
  /** A file imported before: said in browser words, with the way to import it again. */
  const refusal = h('div', { id: 'import-refusal', role: 'alert' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Import progress' });
  const status = statusLine();
  const results = h('div', { id: 'import-results' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Import');
  const cancel = h('button', { type: 'button', id: 'cancel-import', hidden: true }, 'Cancel import');
  let stop: (() => void) | null = null;
  cancel.addEventListener('click', () => stop?.());

  /** Uploads, then follows the import job until it ends; Cancel stops the upload or the reading. */
  const runImport = async (body: FormData): Promise<void> => {
    const upload = new AbortController();
    let jobId: number | null = null;
    stop = () => {
      cancel.disabled = true;
      status.textContent = 'Cancelling…';
      if (jobId === null) upload.abort();
      else void api.post(`/api/projects/${projectId}/imports/${jobId}/cancel`).catch(() => undefined);
    };
    status.textContent = 'Uploading…';
    const started = await uploadWithProgress<ImportJobResponse>(
      `/api/projects/${projectId}/imports`,
      body,
      (f) => (progress.value = f),
      upload.signal,
    );
    jobId = started.job.id;
    progress.removeAttribute('value'); // reading: how long is not known in advance
    let job = started.job;
    while (!FINISHED.has(job.status)) {
      status.textContent = describeJob(job);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = (await api.get<ImportJobResponse>(`/api/projects/${projectId}/imports/${job.id}`)).job;
    }
    progress.value = 1;
    if (job.status === 'done' && job.result) {
      status.textContent = `Imported ${job.result.records} records from ${job.result.sources.length} file(s).`;
      mount(results, ...job.result.sources.map(importedCard));
      // the next file starts afresh: a kind kept from this one would silently misfile it
      form.reset();
      showChosen();
      await refreshSources();
    } else if (job.status === 'cancelled') {
      status.textContent = 'Import cancelled: nothing was imported.';
    } else if (job.error?.code === 'conflict' && isAlreadyImported(job.error.details)) {
      status.textContent = '';
      offerAgain(alreadyImportedText(job.error.details), body);
    } else {
      status.textContent = `Nothing was imported: ${job.error?.message ?? 'the import failed.'}`;
      status.classList.add('error');
    }
  };

  /** The refusal of a repeated file, and a button that sends the same upload again, forced. */
  function offerAgain(text: string, body: FormData): void {
    const again = h(
      'button',
      {
        type: 'button',
        onclick: () => {
          body.set('force', 'true');
          void start(body);
        },
      },
      'Import it again',
    );
    mount(refusal, h('div', { class: 'notice' }, h('p', {}, text), h('p', {}, again)));
  }

  /** Sends an upload and follows it, saying how it ended beside the form's buttons. */
  async function start(body: FormData): Promise<void> {
    mount(refusal);
    progress.hidden = false;
    progress.value = 0;
    status.classList.remove('error');
    mount(results);
    submit.disabled = true;
    cancel.hidden = false;
    cancel.disabled = false;
    try {
      await runImport(body);
    } catch (e) {
      if (e instanceof UploadAborted) status.textContent = 'Import cancelled: nothing was imported.';
      else {
        status.textContent =
          e instanceof ApiError
            ? `Nothing was imported: ${e.message}`
            : 'Nothing was imported: the upload failed.';
        status.classList.add('error');
      }
    } finally {
      stop = null;
      submit.disabled = false;
      cancel.hidden = true;
    }
  }

  const fields = h(
    'fieldset',
    { class: 'plain', disabled: !owner },
    drop,
    h('label', { for: 'source-name' }, 'Source (database or method)'),
    name,
    h('label', { for: 'source-kind' }, 'Kind'),
    kind,
    h('label', { for: 'search-date' }, 'Search date'),
    date,
    h('label', { for: 'search-string' }, 'Search string'),
    query,
    h('p', {}, submit, ' ', cancel),
  );
  // a screen reader hears the reason on each control it finds disabled
  if (notAllowed)
    for (const control of [files, name, kind, date, query, submit])
      control.setAttribute('aria-describedby', 'import-not-allowed');
  const form = h(
    'form',
    {
      class: 'card',
      'aria-label': 'Import search results',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const body = new FormData();
        body.set('name', name.value);
        body.set('kind', kind.value);
        if (date.value) body.set('searchDate', date.value);
        if (query.value) body.set('searchString', query.value);
        for (const f of files.files ?? []) body.append('files', f, f.name);
        void start(body);
      },
    },
    h('h2', {}, 'Import search results'),
    notAllowed,
    fields,
    progress,
    status,
    refusal,
    results,
  );

  const table = h('div', { class: 'table-wrap' });
  // The owner corrects or deletes a source below the list (workspace/sources-editor.ts).
  const editor = h('div', { id: 'sources-editor' });
  const refreshSources = async () => {
    const latest = (await api.get<SourceListResponse>(`/api/projects/${projectId}/sources`)).sources;
    mount(table, sourcesTable(latest));
    if (project.role === 'owner' && latest.length > 0)
      mount(editor, sourcesEditor(projectId, latest, refreshSources));
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
