import type { Label, Role, Source, Stage } from '../../../server/api/types';
import { h } from '../dom';
import { STAGE_LABEL } from '../records';
import {
  EMPTY_STATE,
  KIND_LABEL,
  SORT_LABEL,
  STATUSES,
  STATUS_LABEL,
  TYPES,
  type OwnVote,
  type RecordsState,
} from './query';

const option = (value: string, label: string, selected: boolean) => h('option', { value, selected }, label);

function select<T extends string>(
  id: string,
  label: string,
  current: string | null,
  options: readonly (readonly [T | '', string])[],
): HTMLElement[] {
  return [
    h('label', { for: id }, label),
    h(
      'select',
      { id, name: id },
      ...options.map(([value, text]) => option(value, text, value === (current ?? ''))),
    ),
  ];
}

const STAGES: Stage[] = ['title_abstract', 'full_text'];
const VOTES: OwnVote[] = ['include', 'exclude', 'maybe', 'none'];

/**
 * The search and filter form of the records page. Submitting hands the new state (first page)
 * to `apply`; the page puts it in its URL, so a filtered list can be bookmarked and shared.
 */
export function filtersForm(
  state: RecordsState,
  context: { sources: Source[]; labels: Label[]; role: Role },
  apply: (next: RecordsState) => void,
): HTMLFormElement {
  const value = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card records-filters',
      role: 'search',
      'aria-label': 'Search and filter records',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const v = (name: string) => value(form, name);
        const num = (name: string) => (v(name) === '' ? null : Number(v(name)));
        const [voteStage, vote] = v('filter-myvote').split(':');
        apply({
          ...EMPTY_STATE,
          q: v('records-q'),
          sourceId: num('filter-source'),
          sourceKind: (v('filter-kind') || null) as RecordsState['sourceKind'],
          yearFrom: num('filter-year-from'),
          yearTo: num('filter-year-to'),
          type: v('filter-type') || null,
          stage: (v('filter-stage') || null) as Stage | null,
          status: (v('filter-status') || null) as RecordsState['status'],
          reason: v('filter-reason'),
          labelId: num('filter-label'),
          myVote: voteStage && vote ? { stage: voteStage as Stage, vote: vote as OwnVote } : null,
          conflict: (v('filter-conflict') || null) as Stage | null,
          sort: v('records-sort') as RecordsState['sort'],
          dir: v('records-dir') === 'desc' ? 'desc' : 'asc',
        });
      },
    },
    h(
      'p',
      { class: 'records-search' },
      h('label', { for: 'records-q' }, 'Search title, abstract, authors, keywords, DOI'),
      h('input', {
        id: 'records-q',
        name: 'records-q',
        type: 'search',
        value: state.q,
        placeholder: 'e.g. micro-credential motivation',
      }),
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
    ),
    h(
      'div',
      { class: 'filter-grid' },
      h(
        'div',
        {},
        ...select('filter-source', 'Source', state.sourceId === null ? null : String(state.sourceId), [
          ['', 'Any source'],
          ...context.sources.map((s) => [String(s.id), s.name] as const),
        ]),
      ),
      h(
        'div',
        {},
        ...select('filter-kind', 'Source kind', state.sourceKind, [
          ['', 'Any kind'],
          ...(Object.entries(KIND_LABEL) as [string, string][]),
        ]),
      ),
      h(
        'div',
        {},
        h('label', { for: 'filter-year-from' }, 'Published from'),
        h('input', {
          id: 'filter-year-from',
          name: 'filter-year-from',
          type: 'number',
          min: 0,
          max: 3000,
          value: state.yearFrom ?? '',
        }),
      ),
      h(
        'div',
        {},
        h('label', { for: 'filter-year-to' }, 'Published to'),
        h('input', {
          id: 'filter-year-to',
          name: 'filter-year-to',
          type: 'number',
          min: 0,
          max: 3000,
          value: state.yearTo ?? '',
        }),
      ),
      h(
        'div',
        {},
        ...select('filter-type', 'Publication type', state.type, [
          ['', 'Any type'],
          ...TYPES.map((t) => [t, t] as const),
        ]),
      ),
      h(
        'div',
        {},
        ...select('filter-status', 'Status', state.status, [
          ['', 'Any status'],
          ...STATUSES.map((s) => [s, STATUS_LABEL[s]] as const),
        ]),
      ),
      h(
        'div',
        {},
        ...select('filter-stage', 'Stage', state.stage, [
          ['', 'Any stage'],
          ...STAGES.map((s) => [s, STAGE_LABEL[s]] as const),
        ]),
      ),
      h(
        'div',
        {},
        h('label', { for: 'filter-reason' }, 'Exclusion reason'),
        h('input', {
          id: 'filter-reason',
          name: 'filter-reason',
          value: state.reason,
          placeholder: 'exactly as recorded',
        }),
      ),
      h(
        'div',
        {},
        ...select('filter-label', 'Label', state.labelId === null ? null : String(state.labelId), [
          ['', 'Any label'],
          ...context.labels.map((l) => [String(l.id), l.name] as const),
        ]),
      ),
      context.role === 'viewer'
        ? null
        : h(
            'div',
            {},
            ...select(
              'filter-myvote',
              'My vote',
              state.myVote ? `${state.myVote.stage}:${state.myVote.vote}` : null,
              [
                ['', 'Any'],
                ...STAGES.flatMap((s) =>
                  VOTES.map(
                    (v) => [`${s}:${v}`, `${STAGE_LABEL[s]}: ${v === 'none' ? 'not voted' : v}`] as const,
                  ),
                ),
              ],
            ),
          ),
      h(
        'div',
        {},
        ...select('filter-conflict', 'Conflict', state.conflict, [
          ['', 'Any'],
          ...STAGES.map((s) => [s, `In conflict at ${STAGE_LABEL[s].toLowerCase()}`] as const),
        ]),
      ),
      h(
        'div',
        {},
        ...select(
          'records-sort',
          'Sort by',
          state.sort,
          Object.entries(SORT_LABEL) as [RecordsState['sort'], string][],
        ),
      ),
      h(
        'div',
        {},
        ...select('records-dir', 'Order', state.dir, [
          ['asc', 'Ascending'],
          ['desc', 'Descending'],
        ]),
      ),
    ),
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Apply filters'),
      h('button', { type: 'button', class: 'link', onclick: () => apply(EMPTY_STATE) }, 'Clear'),
    ),
  );
  return form;
}
