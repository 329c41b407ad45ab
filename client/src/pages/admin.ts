import type { Account, AccountEvent, CreatedAccount, OneTimeLink } from '../../../server/api/types';
import { field, failure, messageLine, when } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { currentUser } from '../session';

/** A one-time link to hand over, in a read-only field that is easy to copy. */
function linkBox(label: string, link: OneTimeLink): HTMLElement {
  const input = h('input', { id: 'one-time-link', readonly: true, value: link.url, class: 'account-link' });
  return h(
    'div',
    { class: 'account-link-box' },
    h('label', { for: 'one-time-link' }, `${label} (works once, until ${when(link.expiresAt)})`),
    input,
  );
}

/**
 * Site administration (#/admin): accounts with their last sign-in, made with a one-time link
 * for their first password; disable and re-enable, reset links, the administrator role,
 * deletion (refused for an account with recorded work); the account log.
 */
export async function adminPage(root: HTMLElement): Promise<void> {
  const content = frame(root);
  if (!currentUser()?.admin) {
    mount(
      content,
      h('h1', {}, 'Administration'),
      h('p', { role: 'alert', class: 'error' }, 'Only site administrators may see this page.'),
    );
    return;
  }
  const [accounts, events] = await Promise.all([
    api.get<Account[]>('/api/admin/users'),
    api.get<AccountEvent[]>('/api/admin/events?limit=100'),
  ]);
  const message = messageLine();
  const linkSlot = h('div', {});
  const act = async (what: string, run: () => Promise<unknown>, keepMessage = false) => {
    try {
      await run();
      if (!keepMessage) message.say(`${what}.`);
      await refreshTables();
    } catch (error) {
      message.say(`${what}: ${failure(error, 'failed')}`, true);
    }
  };

  const tables = h('div', {});
  async function refreshTables(): Promise<void> {
    const [fresh, log] = await Promise.all([
      api.get<Account[]>('/api/admin/users'),
      api.get<AccountEvent[]>('/api/admin/events?limit=100'),
    ]);
    mount(tables, accountsTable(fresh), logTable(log));
  }

  function accountsTable(list: Account[]): HTMLElement {
    const me = currentUser()?.id;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'accounts-title' },
      h('h2', { id: 'accounts-title' }, 'Accounts'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['User', 'Site role', 'State', 'Created', 'Last sign-in', 'Actions'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...list.map((a) =>
            h(
              'tr',
              {},
              h('td', {}, a.username),
              h('td', {}, a.admin ? 'administrator' : 'user'),
              h('td', {}, a.disabled ? 'disabled' : a.awaitingPassword ? 'awaiting password' : 'active'),
              h('td', {}, when(a.createdAt)),
              h('td', {}, when(a.lastSignInAt)),
              h(
                'td',
                { class: 'account-actions' },
                a.id === me
                  ? h('span', { class: 'muted' }, 'you')
                  : h(
                      'button',
                      {
                        type: 'button',
                        'aria-label': `${a.disabled ? 'Enable' : 'Disable'} ${a.username}`,
                        onclick: () =>
                          act(`${a.disabled ? 'Enabled' : 'Disabled'} ${a.username}`, () =>
                            api.post(`/api/admin/users/${a.id}/${a.disabled ? 'enable' : 'disable'}`),
                          ),
                      },
                      a.disabled ? 'Enable' : 'Disable',
                    ),
                a.disabled
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        'aria-label': `Password link for ${a.username}`,
                        onclick: () =>
                          act(
                            `Password link for ${a.username}`,
                            async () => {
                              const link = await api.post<OneTimeLink>(`/api/admin/users/${a.id}/reset-link`);
                              mount(linkSlot, linkBox(`Password link for ${a.username}`, link));
                              message.say(
                                `Password link for ${a.username} made; give it to them. Older links stop working.`,
                              );
                            },
                            true,
                          ),
                      },
                      'Password link',
                    ),
                a.id === me
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        'aria-label': `${a.admin ? 'Remove administrator role from' : 'Make administrator:'} ${a.username}`,
                        onclick: () =>
                          act(`${a.username} ${a.admin ? 'is no longer' : 'is now'} an administrator`, () =>
                            api.patch(`/api/admin/users/${a.id}`, { admin: !a.admin }),
                          ),
                      },
                      a.admin ? 'Remove admin' : 'Make admin',
                    ),
                a.id === me
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'exclude',
                        'aria-label': `Delete ${a.username}`,
                        onclick: () =>
                          act(`Deleted ${a.username}`, () => api.delete(`/api/admin/users/${a.id}`)),
                      },
                      'Delete',
                    ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  const username = field('Username', { id: 'new-account-username' });
  const makeAdmin = h('input', { id: 'new-account-admin', type: 'checkbox' });
  const create = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'create-title',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const name = username.input.value.trim();
        await act(
          `Account ${name}`,
          async () => {
            const made = await api.post<CreatedAccount>('/api/admin/users', {
              username: name,
              admin: makeAdmin.checked,
            });
            mount(linkSlot, linkBox(`Link for ${made.account.username} to choose a password`, made.link));
            message.say(
              `Account ${made.account.username} made. Give them the link below to choose their password.`,
            );
            username.input.value = '';
          },
          true,
        );
      },
    },
    h('h2', { id: 'create-title' }, 'Create an account'),
    h(
      'p',
      { class: 'hint' },
      'The new account gets a one-time link (valid 7 days) with which its owner chooses a password: you never know it.',
    ),
    h(
      'div',
      { class: 'inline-form' },
      username.label,
      username.input,
      h('label', { for: 'new-account-admin' }, makeAdmin, ' administrator'),
      h('button', { type: 'submit', class: 'primary' }, 'Create'),
    ),
  );

  mount(tables, accountsTable(accounts), logTable(events));
  mount(content, h('h1', {}, 'Administration'), create, message, linkSlot, tables);
}

function logTable(events: AccountEvent[]): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, 'Account log'),
    h(
      'p',
      { class: 'hint' },
      'Every sign-in, password change, account and invitation event, newest first. Nobody can change or delete it.',
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['When', 'Event', 'By', 'Account', 'Details'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          ...events.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, when(e.at)),
              h('td', {}, e.event.replace(/_/g, ' ')),
              h('td', {}, e.actor ?? '—'),
              h('td', {}, e.subject ?? '—'),
              h(
                'td',
                { class: 'clip' },
                e.details ? JSON.stringify(e.details) : e.projectId ? `project ${e.projectId}` : '',
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
