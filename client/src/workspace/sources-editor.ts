import type { Source, SourceDeletionImpact, SourceDeletionResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';

const LOSSES: [keyof SourceDeletionImpact, string][] = [
  ['votes', 'screening votes'],
  ['resolutions', 'resolutions of conflicts'],
  ['fullTextReports', 'full-text reports (PDFs and links)'],
  ['studies', 'reports grouped into studies'],
  ['codes', 'codes applied in coding'],
  ['extractionValues', 'extracted values'],
  ['labels', 'labels on records'],
  ['notes', 'team notes'],
  ['removals', 'removals before screening'],
  ['dedupDecisions', 'duplicate decisions made by a person'],
  ['mergedWithOtherSources', 'records of other sources merged with these (they will stand alone)'],
];

/**
 * The owner corrects a source after the import (name, kind, search date, search string; the
 * PRISMA diagram follows) or deletes it. Deleting a source whose records carry decisions shows
 * what would be lost and asks again.
 */
export function sourcesEditor(
  projectId: number,
  sources: Source[],
  changed: () => Promise<void>,
): HTMLElement {
  const base = `/api/projects/${projectId}/sources`;
  const status = statusLine();
  const chooser = h(
    'select',
    { id: 'correct-source' },
    ...sources.map((s) => h('option', { value: s.id }, s.name)),
  );
  const name = h('input', { id: 'correct-name', maxlength: 200 });
  const kind = h(
    'select',
    { id: 'correct-kind' },
    h('option', { value: 'database' }, 'Database'),
    h('option', { value: 'register' }, 'Register'),
    h('option', { value: 'other' }, 'Other method (website, organisation, citation search)'),
  );
  const date = h('input', { id: 'correct-date', type: 'date' });
  const search = h('textarea', { id: 'correct-string' });
  const confirmBox = h('div', { id: 'correct-confirm' });
  const current = () => sources.find((s) => s.id === Number(chooser.value));
  const fill = () => {
    const s = current();
    if (!s) return;
    name.value = s.name;
    kind.value = s.kind;
    date.value = s.searchDate ?? '';
    search.value = s.searchString ?? '';
    confirmBox.replaceChildren();
  };
  chooser.addEventListener('change', fill);
  fill();
  const fail = (e: unknown) => {
    status.textContent = e instanceof ApiError ? e.message : 'That did not work.';
    status.classList.add('error');
  };
  const remove = async (confirm: boolean) => {
    const s = current();
    if (!s) return;
    try {
      const { deleted } = await api.delete<SourceDeletionResponse>(
        `${base}/${s.id}${confirm ? '?confirm=true' : ''}`,
      );
      mount(confirmBox);
      status.textContent = `Deleted "${deleted.name}" and its ${deleted.records} records.`;
      await changed();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.details) {
        const impact = e.details as SourceDeletionImpact;
        mount(
          confirmBox,
          h(
            'p',
            { class: 'error' },
            `Deleting "${impact.name}" and its ${impact.records} records would also lose:`,
          ),
          h(
            'ul',
            { id: 'correct-losses' },
            ...LOSSES.filter(([key]) => (impact[key] as number) > 0).map(([key, what]) =>
              h('li', {}, `${impact[key] as number} ${what}`),
            ),
          ),
          h(
            'button',
            { type: 'button', id: 'correct-delete-anyway', class: 'exclude', onclick: () => remove(true) },
            'Delete anyway, losing all this',
          ),
        );
      } else fail(e);
    }
  };
  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Correct a source',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const s = current();
        if (!s) return;
        try {
          await api.patch(`${base}/${s.id}`, {
            name: name.value,
            kind: kind.value,
            searchDate: date.value || null,
            searchString: search.value || null,
          });
          status.textContent = `Saved "${name.value}". The PRISMA diagram counts it as ${kind.value === 'other' ? 'an other method' : `a ${kind.value}`}.`;
          await changed();
        } catch (e) {
          fail(e);
        }
      },
    },
    h('h2', {}, 'Correct a source'),
    h('label', { for: 'correct-source' }, 'Source'),
    chooser,
    h('label', { for: 'correct-name' }, 'Name'),
    name,
    h('label', { for: 'correct-kind' }, 'Kind'),
    kind,
    h('label', { for: 'correct-date' }, 'Search date'),
    date,
    h('label', { for: 'correct-string' }, 'Search string'),
    search,
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'correct-save' }, 'Save'),
      h(
        'button',
        {
          type: 'button',
          id: 'correct-delete',
          class: 'exclude',
          onclick: () => {
            const s = current();
            if (!s) return;
            mount(
              confirmBox,
              h('p', {}, `Delete "${s.name}" and its ${s.records} records?`),
              h(
                'button',
                {
                  type: 'button',
                  id: 'correct-delete-confirm',
                  class: 'exclude',
                  onclick: () => remove(false),
                },
                'Delete',
              ),
              h(
                'button',
                { type: 'button', class: 'link', onclick: () => confirmBox.replaceChildren() },
                'Cancel',
              ),
            );
          },
        },
        'Delete source…',
      ),
    ),
    confirmBox,
    status,
  );
}
