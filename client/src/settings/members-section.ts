import type { Member } from '../../../server/api/types';
import { api } from '../api';
import { h, mount } from '../dom';
import { savingBeside } from './save';

/**
 * The project's members and their roles; owners change roles and add members. What a change
 * did is said beside it: a role under the table, a new member beside the Add button.
 */
export function membersSection(base: string, members: Member[], owner: boolean): HTMLElement {
  const roles = savingBeside();
  const adding = savingBeside();
  const rows = h('tbody');
  const drawRows = (list: Member[]) =>
    mount(
      rows,
      ...list.map((m) => {
        const role = h(
          'select',
          { 'aria-label': `Role of ${m.username}`, disabled: !owner },
          ...['viewer', 'reviewer', 'owner'].map((r) => h('option', { value: r }, r)),
        );
        role.value = m.role;
        role.addEventListener(
          'change',
          () =>
            void roles.save(`Role of ${m.username}`, () =>
              api.patch(`${base}/members/${m.userId}`, { role: role.value }),
            ),
        );
        return h('tr', {}, h('td', {}, m.username), h('td', {}, role));
      }),
    );
  drawRows(members);
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
      rows,
    ),
    roles.status,
    owner
      ? h(
          'form',
          {
            class: 'inline-form',
            'aria-label': 'Add a member',
            onsubmit: (event: Event) => {
              event.preventDefault();
              const username = memberName.value.trim();
              void adding.save(`Member ${username}`, async () => {
                await api.post(`${base}/members`, { username, role: memberRole.value });
                drawRows(await api.get<Member[]>(`${base}/members`));
                memberName.value = '';
              });
            },
          },
          h('label', { for: 'member-username' }, 'Username'),
          memberName,
          h('label', { for: 'member-role' }, 'Role'),
          memberRole,
          h('button', { type: 'submit' }, 'Add member'),
          adding.status,
        )
      : null,
  );
}
