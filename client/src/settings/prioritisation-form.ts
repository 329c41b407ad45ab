import type { PrioritisationSettings } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { prioritisationPatch } from './form-values';
import { savingBeside } from './save';

/** The owner's switch for prioritised screening and the words that order the queue before a model exists. */
export function prioritisationForm(
  base: string,
  prioritisation: PrioritisationSettings,
  owner: boolean,
): HTMLElement {
  const { status, save } = savingBeside();
  const enabled = h('input', {
    type: 'checkbox',
    id: 'prioritise',
    name: 'enabled',
    checked: prioritisation.enabled,
    disabled: !owner,
  });
  const seeds = h('textarea', { id: 'prioritise-keywords', name: 'keywords', rows: 2, disabled: !owner });
  seeds.value = prioritisation.keywords.join(', ');
  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Prioritised screening',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void save('Prioritisation', () =>
          api.put(`${base}/ranking/settings`, prioritisationPatch(enabled.checked, seeds.value)),
        );
      },
    },
    h('h2', {}, 'Prioritised screening'),
    h(
      'label',
      { class: 'check', for: 'prioritise' },
      enabled,
      " Order each reviewer's title/abstract queue by predicted relevance (retrained in the background as decisions settle)",
    ),
    h(
      'label',
      { for: 'prioritise-keywords' },
      'Words that order the queue until the first include and exclude (comma separated)',
    ),
    seeds,
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'submit', disabled: !owner }, 'Save prioritisation'),
      status,
    ),
  );
}
