import type { ApiToken, CreatedApiToken } from '../../../server/api/types';
import { field, failure, messageLine, newPasswordFields, when } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { navigate } from '../router';
import { currentUser, forgetSession } from '../session';

/** Self-service (#/account): change the password, sign out everywhere, see and manage API tokens. */
export async function accountPage(root: HTMLElement): Promise<void> {
  const content = frame(root);
  const tokens = await api.get<ApiToken[]>('/api/tokens');
  mount(
    content,
    h('h1', {}, 'Your account'),
    h('p', { class: 'muted' }, `Signed in as ${currentUser()?.username ?? ''}.`),
    passwordForm(),
    everywhereSection(),
    tokensSection(tokens, () => accountPage(root)),
  );
}

function passwordForm(): HTMLElement {
  const current = field('Current password', {
    id: 'current-password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const next = newPasswordFields('account');
  const message = messageLine();
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'password-title',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const problem = next.check();
        if (problem) return message.say(problem, true);
        try {
          await api.post('/api/auth/password', {
            currentPassword: current.input.value,
            newPassword: next.value(),
          });
          form.reset();
          message.say('Password changed. Your other sessions have been signed out.');
        } catch (error) {
          message.say(failure(error, 'The password was not changed.'), true);
        }
      },
    },
    h('h2', { id: 'password-title' }, 'Change your password'),
    current.label,
    current.input,
    ...next.nodes,
    h('button', { type: 'submit' }, 'Change password'),
    message,
  );
  return form;
}

function everywhereSection(): HTMLElement {
  const message = messageLine();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'everywhere-title' },
    h('h2', { id: 'everywhere-title' }, 'Sign out everywhere'),
    h(
      'p',
      { class: 'hint' },
      'Ends every browser session of your account, this one included. API tokens stay; revoke them below.',
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          try {
            await api.post('/api/auth/logout-everywhere');
            forgetSession();
            navigate('/login');
          } catch (error) {
            message.say(failure(error, 'Could not sign out everywhere.'), true);
          }
        },
      },
      'Sign out everywhere',
    ),
    message,
  );
}

function tokensSection(tokens: ApiToken[], reload: () => Promise<void>): HTMLElement {
  const name = field('Token name', { id: 'token-name' });
  const message = messageLine();
  const secret = h('p', { class: 'account-secret', hidden: true });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'tokens-title' },
    h('h2', { id: 'tokens-title' }, 'API tokens'),
    h(
      'p',
      { class: 'hint' },
      'For scripts: send one as Authorization: Bearer. A token acts with your roles; it cannot change your password.',
    ),
    tokens.length === 0
      ? h('p', { class: 'muted' }, 'You have no API tokens.')
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Name', 'Created', 'Last used', 'State', ''].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            ...tokens.map((t) =>
              h(
                'tr',
                {},
                h('td', {}, t.name),
                h('td', {}, when(t.createdAt)),
                h('td', {}, when(t.lastUsedAt)),
                h('td', {}, t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active'),
                h(
                  'td',
                  {},
                  t.revokedAt
                    ? null
                    : h(
                        'button',
                        {
                          type: 'button',
                          'aria-label': `Revoke ${t.name}`,
                          onclick: async () => {
                            try {
                              await api.delete(`/api/tokens/${t.id}`);
                              await reload();
                            } catch (error) {
                              message.say(failure(error, 'The token was not revoked.'), true);
                            }
                          },
                        },
                        'Revoke',
                      ),
                ),
              ),
            ),
          ),
        ),
    h(
      'form',
      {
        class: 'inline-form',
        'aria-label': 'Make an API token',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const made = await api.post<CreatedApiToken>('/api/tokens', { name: name.input.value.trim() });
            secret.hidden = false;
            secret.textContent = `${made.token}`;
            message.say(`Token "${made.name}" made. Copy it now: it is shown only this once.`);
          } catch (error) {
            message.say(failure(error, 'The token was not made.'), true);
          }
        },
      },
      name.label,
      name.input,
      h('button', { type: 'submit' }, 'Make a token'),
    ),
    message,
    secret,
  );
}
