import type { CreatedInvitation, Invitation } from '../../../server/api/types';
import { failure, messageLine, when } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';

/**
 * Invitations to the project (owners only): make a single-use link for a role and an expiry,
 * see every invitation with its state (pending, used, expired, revoked), revoke a pending one.
 */
export async function invitationsSection(base: string): Promise<HTMLElement> {
  const list = h('div', {});
  const message = messageLine();
  const linkSlot = h('div', {});
  const refresh = async () =>
    mount(list, invitationsTable(await api.get<Invitation[]>(`${base}/invitations`)));

  function invitationsTable(invitations: Invitation[]): HTMLElement {
    if (invitations.length === 0) return h('p', { class: 'muted' }, 'No invitations yet.');
    return h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Role', 'State', 'Made by', 'Expires', 'Used by', ''].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...invitations.map((i) =>
          h(
            'tr',
            {},
            h('td', {}, i.role),
            h('td', {}, i.state),
            h('td', {}, i.createdBy ?? 'command line'),
            h('td', {}, when(i.expiresAt)),
            h('td', {}, i.usedBy ?? '—'),
            h(
              'td',
              {},
              i.state === 'pending'
                ? h(
                    'button',
                    {
                      type: 'button',
                      'aria-label': `Revoke the ${i.role} invitation ${i.id}`,
                      onclick: async () => {
                        try {
                          await api.delete(`${base}/invitations/${i.id}`);
                          message.say('Invitation revoked: its link no longer works.');
                          await refresh();
                        } catch (error) {
                          message.say(failure(error, 'The invitation was not revoked.'), true);
                        }
                      },
                    },
                    'Revoke',
                  )
                : null,
            ),
          ),
        ),
      ),
    );
  }

  const role = h(
    'select',
    { id: 'invite-role', name: 'role' },
    h('option', { value: 'reviewer' }, 'Reviewer'),
    h('option', { value: 'viewer' }, 'Viewer'),
    h('option', { value: 'owner' }, 'Owner'),
  );
  const days = h('input', { id: 'invite-days', type: 'number', min: 1, max: 90, value: 7, required: true });
  const form = h(
    'form',
    {
      class: 'inline-form',
      'aria-label': 'Invite someone',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const made = await api.post<CreatedInvitation>(`${base}/invitations`, {
            role: role.value,
            expiresInDays: Number(days.value),
          });
          mount(
            linkSlot,
            h(
              'div',
              { class: 'account-link-box' },
              h(
                'label',
                { for: 'invitation-link' },
                `Invitation link (${made.invitation.role}, works once, until ${when(made.link.expiresAt)})`,
              ),
              h('input', {
                id: 'invitation-link',
                readonly: true,
                value: made.link.url,
                class: 'account-link',
              }),
            ),
          );
          message.say(
            `Invitation for a ${made.invitation.role} made. Send the link to the person you invite; it is shown only now.`,
          );
          await refresh();
        } catch (error) {
          message.say(failure(error, 'The invitation was not made.'), true);
        }
      },
    },
    h('label', { for: 'invite-role' }, 'Invite as'),
    role,
    h('label', { for: 'invite-days' }, 'Expires after (days)'),
    days,
    h('button', { type: 'submit' }, 'Make an invitation link'),
  );
  await refresh();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'invitations-title' },
    h('h2', { id: 'invitations-title' }, 'Invitations'),
    h(
      'p',
      { class: 'hint' },
      'Invite someone by link: they create an account (or sign in) and join with the role you choose.',
    ),
    form,
    message,
    linkSlot,
    list,
  );
}
