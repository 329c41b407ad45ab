import type {
  LabelListResponse,
  RecordListItem,
  RecordListResponse,
  Source,
  SourceListResponse,
} from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';
import { STAGE_LABEL } from '../records';
import { navigate } from '../router';
import { bulkPanel } from '../workspace/bulk-panel';
import { filtersForm } from '../workspace/filters-form';
import { labelChip } from '../workspace/labels';
import {
  apiQuery,
  exportHref,
  KIND_LABEL,
  queryOf,
  STATUS_LABEL,
  stateFromQuery,
  type RecordsState,
} from '../workspace/query';

const PAGE = 50;

/**
 * The records of a project: full-text search, filters, sorting and paging (the same query as
 * the API and `sift export`), each row opening its record page; exports of the filtered set;
 * and, for the owner, bulk actions on it with their undo.
 */
export async function recordsPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const state = stateFromQuery(location.hash.split('?')[1] ?? '');
  const go = (next: RecordsState) =>
    navigate(`/projects/${projectId}/records${queryOf(next) ? `?${queryOf(next)}` : ''}`);
  const [{ sources }, { labels }] = await Promise.all([
    api.get<SourceListResponse>(`${base}/sources`),
    api.get<LabelListResponse>(`${base}/labels`),
  ]);
  const list = h('div', { id: 'records-list' });
  const load = async () => {
    const page = await unlessBlinded(api.get<RecordListResponse>(`${base}/records?${apiQuery(state, PAGE)}`));
    if (page instanceof ApiError) {
      mount(list, blindedNotice(page));
      return;
    }
    mount(list, ...listView(page));
  };

  function listView(page: RecordListResponse): HTMLElement[] {
    const first = state.cursor ? null : page.offset + 1;
    return [
      h(
        'p',
        { class: 'muted', id: 'records-count' },
        page.total === 0
          ? 'No records match.'
          : `${page.total} record${page.total === 1 ? '' : 's'} match${page.total === 1 ? 'es' : ''}` +
              (first !== null
                ? ` (showing ${first}–${first + page.items.length - 1})`
                : ` (showing ${page.items.length} more)`) +
              '.',
      ),
      recordsTable(page),
      h(
        'p',
        { class: 'actions' },
        state.cursor
          ? h('button', { type: 'button', onclick: () => go({ ...state, cursor: null }) }, '← First page')
          : null,
        page.nextCursor
          ? h(
              'button',
              {
                type: 'button',
                id: 'records-next',
                onclick: () => go({ ...state, cursor: page.nextCursor }),
              },
              'Next page →',
            )
          : null,
      ),
    ];
  }

  function recordsTable(page: RecordListResponse): HTMLElement {
    const sourceName = new Map<number, Source>(sources.map((s) => [s.id, s]));
    const row = (r: RecordListItem) =>
      h(
        'tr',
        { 'data-record-id': r.id },
        h('td', { class: 'num' }, r.id),
        h(
          'td',
          { dir: 'auto' },
          h('a', { href: `#/projects/${projectId}/records/${r.id}` }, r.title?.trim() || '(no title)'),
        ),
        h('td', { dir: 'auto' }, r.authors.slice(0, 3).join('; ') + (r.authors.length > 3 ? ' et al.' : '')),
        h('td', { class: 'num' }, r.year ?? ''),
        h(
          'td',
          {},
          sourceName.get(r.sourceId)?.name ?? r.sourceName,
          h('span', { class: 'muted' }, ` · ${KIND_LABEL[r.sourceKind]}`),
        ),
        h('td', {}, ...r.labels.map((l) => labelChip(l))),
        h('td', {}, ...statusCells(r, page.outcomesVisible)),
      );
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'records-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['#', 'Title', 'Authors', 'Year', 'Source', 'Labels', 'Status'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h('tbody', {}, ...page.items.map(row)),
      ),
    );
  }

  function statusCells(r: RecordListItem, visible: boolean): (HTMLElement | string)[] {
    if (r.duplicateOf !== null)
      return [
        h(
          'a',
          { class: 'badge', href: `#/projects/${projectId}/records/${r.duplicateOf}` },
          `duplicate of ${r.duplicateOf}`,
        ),
      ];
    if (r.removedBeforeScreening)
      return [h('span', { class: 'badge exclude' }, 'removed'), ` ${r.removedBeforeScreening.reason}`];
    if (!visible || !r.outcome)
      return [h('span', { class: 'muted', title: 'hidden while a screening stage is blind to you' }, '—')];
    const o = r.outcome;
    return [
      h('span', { class: `badge status-${o.status}` }, STATUS_LABEL[o.status]),
      o.stage ? h('span', { class: 'muted' }, ` ${STAGE_LABEL[o.stage].toLowerCase()}`) : '',
      o.reason ? ` — ${o.reason}` : '',
    ];
  }

  const exports =
    project.role === 'owner'
      ? h(
          'p',
          { class: 'actions', id: 'records-export' },
          'Export these records: ',
          ...(['csv', 'xlsx', 'ris', 'bib'] as const).map((ext) =>
            h(
              'a',
              { class: 'button', href: exportHref(projectId, ext, state), download: '' },
              ext === 'bib' ? 'BibTeX' : ext.toUpperCase(),
            ),
          ),
        )
      : null;
  mount(
    content,
    h('h1', {}, 'Records'),
    filtersForm(state, { sources, labels, role: project.role }, go),
    exports,
    list,
    project.role === 'owner' ? bulkPanel(projectId, state, labels, load) : null,
  );
  await load();
}
