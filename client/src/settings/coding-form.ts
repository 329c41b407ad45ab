import type { CodingSettings } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { savingBeside } from './save';

/** How studies are coded: one or two coders per study, blind until both finished, and the one-way unblind. */
export function codingSettingsForm(
  base: string,
  settings: CodingSettings,
  owner: boolean,
): HTMLElement {
  // each button says beside itself what it did
  const { status, save } = savingBeside();
  const unblinding = savingBeside();
  const coders = h(
    'select',
    { id: 'coders-required', name: 'codersRequired' },
    h('option', { value: '1' }, '1 coder (the synthesis counts their codes)'),
    h('option', { value: '2' }, '2 coders, then the owner reconciles a consensus'),
  );
  coders.value = String(settings.codersRequired);
  const blind = h('input', { type: 'checkbox', id: 'coding-blind', name: 'blind', checked: settings.blind });
  const unblind = h(
    'button',
    {
      type: 'button',
      disabled: !settings.blind || settings.unblinded || !owner,
      onclick: async () => {
        if (
          !confirm(
            "Unblind coding? Coders will see each other's codes on every study; this cannot be undone.",
          )
        )
          return;
        await unblinding.save('Unblinding coding', () => api.post(`${base}/coding/unblind`));
        unblind.disabled = true;
      },
    },
    settings.unblinded ? 'Unblinded' : 'Unblind coding now',
  );
  return h(
    'form',
    {
      class: 'card',
      id: 'coding-settings',
      'aria-label': 'Coding',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void save('Coding settings', () =>
          api.patch(`${base}/coding/settings`, {
            codersRequired: Number(coders.value),
            blind: blind.checked,
          }),
        );
      },
    },
    h('h2', {}, 'Coding'),
    h('label', { for: 'coders-required' }, 'Coders per study'),
    coders,
    h(
      'label',
      { class: 'check', for: 'coding-blind' },
      blind,
      " Blind coding (coders see each other's codes on a study once both marked it done)",
    ),
    h('p', { class: 'actions' }, unblind, unblinding.status),
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', disabled: !owner }, 'Save coding settings'),
      status,
    ),
  );
}
