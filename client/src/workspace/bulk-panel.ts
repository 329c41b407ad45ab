import type {
  BulkPreview,
  BulkResult,
  HistoryEntry,
  HistoryResponse,
  Label,
  LabelResponse,
} from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { bulkFilter, isFiltered, type RecordsState } from './query';

type Kind = 'label' | 'exclude' | 'merge_clusters';

/**
 * The owner's bulk actions on the records the page's filter matches: put a label on them,
 * exclude them before screening with a reason, or merge every duplicate cluster above a score.
 * Preview first (how many it will change, and why the others are left), then run; the result
 * offers its undo, and the project's history lists every bulk action and source correction.
 */
export function bulkPanel(
  projectId: number,
  state: RecordsState,
  labels: Label[],
  changed: () => Promise<void>,
): HTMLElement {
  const base = `/api/projects/${projectId}`;
  const kind = h(
    'select',
    { id: 'bulk-kind', name: 'bulk-kind', 'aria-label': 'Bulk action' },
    h('option', { value: 'label' }, 'Put a label on the records matching the filter'),
    h('option', { value: 'exclude' }, 'Exclude the records matching the filter, before screening'),
    h('option', { value: 'merge_clusters' }, 'Merge every duplicate cluster scoring at least…'),
  );
  const label = h(
    'select',
    { id: 'bulk-label', name: 'bulk-label', 'aria-label': 'Label' },
    ...labels.map((l) => h('option', { value: l.id }, l.name)),
  );
  const reason = h('input', {
    id: 'bulk-reason',
    name: 'bulk-reason',
    placeholder: 'e.g. Outside the date range',
    'aria-label': 'Reason',
  });
  const score = h('input', {
    id: 'bulk-score',
    name: 'bulk-score',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.01,
    value: '0.95',
    'aria-label': 'Minimum score',
  });
  const params = h('span', { class: 'bulk-params' });
  const showParams = () =>
    mount(params, kind.value === 'label' ? label : kind.value === 'exclude' ? reason : score);
  kind.addEventListener('change', () => {
    showParams();
    summary.replaceChildren();
    run.disabled = true;
  });
  showParams();
  const summary = h('div', { id: 'bulk-summary', role: 'status', 'aria-live': 'polite' });
  const status = statusLine();
  const history = h('div', { id: 'history' });

  const request = () => {
    const k = kind.value as Kind;
    const action =
      k === 'label'
        ? { kind: k, labelId: Number(label.value) }
        : k === 'exclude'
          ? { kind: k, reason: reason.value }
          : { kind: k, minScore: Number(score.value) };
    return { filter: k === 'merge_clusters' ? {} : bulkFilter(state), action };
  };
  const fail = (e: unknown) => {
    status.textContent = e instanceof ApiError ? e.message : 'That did not work.';
    status.classList.add('error');
  };

  const preview = h(
    'button',
    {
      type: 'button',
      id: 'bulk-preview',
      onclick: async () => {
        status.textContent = '';
        status.classList.remove('error');
        try {
          const p = await api.post<BulkPreview>(`${base}/bulk/preview`, request());
          const what = p.kind === 'bulk_merge' ? 'duplicate clusters' : 'records';
          mount(
            summary,
            h(
              'p',
              {},
              h('strong', {}, `This will change ${p.willChange} of ${p.matching} ${what}`),
              p.records !== undefined ? ` (${p.records} records marked as duplicates)` : '',
              '.',
            ),
            p.skipped.length > 0
              ? h('ul', {}, ...p.skipped.map((s) => h('li', {}, `Left as they are: ${s.count} ${s.reason}`)))
              : null,
            kind.value !== 'merge_clusters' && !isFiltered(state)
              ? h('p', { class: 'error' }, 'No filter is set: this is every record of the project.')
              : null,
          );
          run.disabled = p.willChange === 0;
        } catch (e) {
          fail(e);
        }
      },
    },
    'Preview',
  );
  const run = h(
    'button',
    {
      type: 'button',
      id: 'bulk-run',
      class: 'primary',
      disabled: true,
      onclick: async () => {
        run.disabled = true;
        try {
          const result = await api.post<BulkResult>(`${base}/bulk`, request());
          mount(summary);
          mount(
            status,
            `${result.action.summary}. `,
            h(
              'button',
              { type: 'button', id: 'bulk-undo', class: 'link', onclick: () => undo(result.action) },
              'Undo',
            ),
          );
          await Promise.all([changed(), refreshHistory()]);
        } catch (e) {
          fail(e);
        }
      },
    },
    'Run',
  );

  async function undo(action: HistoryEntry): Promise<void> {
    try {
      await api.post(`${base}/history/${action.id}/undo`);
      mount(status, `Undone: ${action.summary}.`);
      await Promise.all([changed(), refreshHistory()]);
    } catch (e) {
      fail(e);
    }
  }

  async function refreshHistory(): Promise<void> {
    const { actions } = await api.get<HistoryResponse>(`${base}/history`);
    mount(
      history,
      actions.length === 0
        ? h('p', { class: 'muted' }, 'No bulk action or source correction yet.')
        : h(
            'ul',
            { class: 'history' },
            ...actions.map((a) =>
              h(
                'li',
                { 'data-action-id': a.id },
                h('time', { datetime: a.createdAt }, a.createdAt.replace('T', ' ').slice(0, 16)),
                ` ${a.user?.username ?? 'command line'}: ${a.summary}`,
                a.undoneAt
                  ? h('span', { class: 'muted' }, ` (undone by ${a.undoneBy?.username ?? 'command line'})`)
                  : null,
                a.undoable
                  ? h('button', { type: 'button', class: 'link', onclick: () => undo(a) }, ' Undo')
                  : null,
              ),
            ),
          ),
    );
  }
  void refreshHistory();

  const labelName = h('input', {
    id: 'label-name',
    name: 'label-name',
    maxlength: 60,
    'aria-label': 'New label name',
  });
  const labelColour = h('input', {
    id: 'label-colour',
    name: 'label-colour',
    type: 'color',
    value: '#0b5cad',
    'aria-label': 'Colour',
  });
  const labelForm = h(
    'form',
    {
      class: 'inline-form',
      'aria-label': 'New label',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const { label: made } = await api.post<LabelResponse>(`${base}/labels`, {
            name: labelName.value,
            colour: labelColour.value,
          });
          label.append(h('option', { value: made.id, selected: true }, made.name));
          labelName.value = '';
          mount(status, `Label “${made.name}” created.`);
          await changed();
        } catch (e) {
          fail(e);
        }
      },
    },
    h('label', { for: 'label-name' }, 'New label'),
    labelName,
    labelColour,
    h('button', { type: 'submit', id: 'label-create' }, 'Create label'),
  );

  return h(
    'section',
    { class: 'card bulk', 'aria-label': 'Bulk actions' },
    h('h2', {}, 'Bulk actions'),
    h(
      'p',
      { class: 'muted' },
      'They act on every record the filter above matches (not only this page), and each can be undone as one step.',
    ),
    h('p', { class: 'inline-form' }, kind, params, preview, run),
    summary,
    status,
    labelForm,
    h('h3', {}, 'History'),
    history,
  );
}
