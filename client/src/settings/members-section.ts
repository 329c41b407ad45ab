import type { Member } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import type { Save } from './save';

/** The project's members and their roles; owners change roles and add members (then `reload`). */
export function membersSection(
  base: string,
  members: Member[],
  owner: boolean,
  save: Save,
  reload: () => Promise<void>,
): HTMLElement {
  const memberName = h('input', {
    id: 'member-username',
    name: 'username',
    required: true,
    autocomplete: 'off',
  });
  const memberRole = h(
    'select',
    { id: 'member-role', name: 'role' },
    h('option', { value: 'reviewer' }, 'Reviewer'),
    h('option', { value: 'viewer' }, 'Viewer'),
    h('option', { value: 'owner' }, 'Owner'),
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Members'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User'), h('th', { scope: 'col' }, 'Role'))),
      h(
        'tbody',
        {},
        ...members.map((m) => {
          const role = h(
            'select',
            { 'aria-label': `Role of ${m.username}`, disabled: !owner },
            ...['viewer', 'reviewer', 'owner'].map((r) => h('option', { value: r }, r)),
          );
          role.value = m.role;
          role.addEventListener(
            'change',
            () =>
              void save(`Role of ${m.username}`, () =>
                api.patch(`${base}/members/${m.userId}`, { role: role.value }),
              ),
          );
          return h('tr', {}, h('td', {}, m.username), h('td', {}, role));
        }),
      ),
    ),
    owner
      ? h(
          'form',
          {
            class: 'inline-form',
            'aria-label': 'Add a member',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void save(`Member ${memberName.value}`, async () => {
                await api.post(`${base}/members`, {
                  username: memberName.value.trim(),
                  role: memberRole.value,
                });
                await reload();
              });
            },
          },
          h('label', { for: 'member-username' }, 'Username'),
          memberName,
          h('label', { for: 'member-role' }, 'Role'),
          memberRole,
          h('button', { type: 'submit' }, 'Add member'),
        )
      : null,
  );
}
