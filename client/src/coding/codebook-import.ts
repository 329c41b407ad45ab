import type { CodebookImported, CodebookImportPreview } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { changeLines, importSummary } from './codebook-changes';
import type { EditorContext } from './editor-context';

/**
 * Codebook import in two steps: the file is read and the server says what it would change
 * (codes added, renamed, moved, removed; fields added, changed, removed) and what would stop it;
 * nothing is written until the owner presses "Apply these changes".
 */
export function codebookImport(ctx: EditorContext): HTMLElement {
  const file = h('input', {
    id: 'codebook-file',
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
  });
  const removeMissing = h('input', { id: 'codebook-remove-missing', type: 'checkbox' });
  const status = statusLine();
  const previewBox = h('div');
  let preview: { body: ReturnType<typeof request>; shown: CodebookImportPreview } | null = null;

  /** The request the preview and the import send for the chosen file. */
  function request(text: string, name: string) {
    return {
      format: /\.csv$/i.test(name) ? 'csv' : 'json',
      text,
      fileName: name,
      removeMissing: removeMissing.checked,
    };
  }

  async function showPreview(): Promise<void> {
    const chosen = file.files?.[0];
    status.classList.remove('error');
    if (!chosen) {
      status.textContent = 'Choose a codebook file first.';
      return;
    }
    try {
      const body = request(await chosen.text(), chosen.name);
      const shown = await api.post<CodebookImportPreview>(`${ctx.base}/codebook/import/preview`, body);
      preview = { body, shown };
      drawPreview(chosen.name);
      status.textContent = '';
    } catch (e) {
      clearPreview();
      status.classList.add('error');
      status.textContent =
        e instanceof ApiError ? `The file cannot be imported: ${e.message}` : 'The server did not answer.';
    }
  }

  function clearPreview(): void {
    preview = null;
    mount(previewBox);
  }

  function drawPreview(name: string): void {
    if (!preview) return;
    const { shown, body } = preview;
    const lines = changeLines(shown.changes);
    const applyStatus = statusLine();
    const blocked = shown.blocked.length > 0;
    mount(
      previewBox,
      h(
        'section',
        { class: 'import-preview', 'aria-label': 'What the import changes' },
        h('h3', { id: 'import-preview-title' }, `What importing ${name} changes`),
        lines.length === 0
          ? h('p', {}, 'Nothing: the codebook already reads as this file.')
          : h(
              'ul',
              {},
              ...lines.map((l) => h('li', { dir: 'auto' }, h('strong', {}, l.what), ' ', l.detail)),
            ),
        blocked
          ? h(
              'div',
              { class: 'error' },
              h('p', {}, 'It cannot be applied as it is:'),
              h('ul', {}, ...shown.blocked.map((b) => h('li', {}, b))),
            )
          : null,
        h(
          'p',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              disabled: blocked || lines.length === 0,
              onclick: () =>
                void ctx.change(
                  () => api.post<CodebookImported>(`${ctx.base}/codebook/import`, body),
                  (result) => {
                    clearPreview();
                    return {
                      focus: '#codebook-file',
                      say: {
                        at: '#codebook-import > .status',
                        text: `Imported: ${importSummary(result.changes)}.`,
                      },
                    };
                  },
                  applyStatus,
                ),
            },
            'Apply these changes',
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                clearPreview();
                status.textContent = 'Import cancelled: nothing was changed.';
                file.focus();
              },
            },
            'Cancel',
          ),
        ),
        applyStatus,
      ),
    );
    previewBox.querySelector<HTMLElement>('#import-preview-title')?.setAttribute('tabindex', '-1');
    previewBox.querySelector<HTMLElement>('#import-preview-title')?.focus();
  }

  file.addEventListener('change', clearPreview);
  // removing what the file lacks changes the preview: ask again
  removeMissing.addEventListener('change', () => {
    if (preview) void showPreview();
  });
  return h(
    'section',
    { class: 'card', id: 'codebook-import', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, 'Import a codebook'),
    h('label', { for: 'codebook-file' }, 'Codebook file (JSON or CSV, as exported above)'),
    file,
    h(
      'label',
      { class: 'check', for: 'codebook-remove-missing' },
      removeMissing,
      ' Also remove the codes (and, from JSON, the fields) this review has and the file does not — never what is in use',
    ),
    h('p', {}, h('button', { type: 'button', onclick: () => void showPreview() }, 'Preview the import')),
    status,
    previewBox,
  );
}
