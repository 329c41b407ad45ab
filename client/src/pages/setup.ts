import type { LoginResponse } from '../../../server/api/types';
import { field, failure, messageLine, newPasswordFields } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';
import { navigate } from '../router';
import { adoptSession } from '../session';

/**
 * First-run setup (#/setup/TOKEN, the link `sift serve` prints; #/setup to paste the token):
 * makes the first administrator and signs them in. Open only while the server has no account.
 */
export function setupPage(root: HTMLElement, params: Record<string, string>): void {
  const token = field('Setup token (printed by sift serve when it started)', {
    id: 'setup-token',
    value: params.token,
  });
  const username = field('Your username', { id: 'setup-username', autocomplete: 'username' });
  const password = newPasswordFields('setup');
  const message = messageLine();
  const form = h(
    'form',
    {
      class: 'card narrow',
      'aria-labelledby': 'setup-title',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const problem = password.check();
        if (problem) return message.say(problem, true);
        message.say('Creating the administrator…');
        try {
          const result = await api.post<LoginResponse>('/api/setup', {
            setupToken: token.input.value.trim(),
            username: username.input.value.trim(),
            password: password.value(),
          });
          adoptSession(result);
          navigate('/projects');
        } catch (error) {
          message.say(failure(error, 'Setup failed.'), true);
        }
      },
    },
    h('h1', { id: 'setup-title' }, 'Set up Sift'),
    h(
      'p',
      { class: 'hint' },
      'This server has no account yet. Create the first administrator: you can then make accounts for your team and invite them to reviews.',
    ),
    params.token ? null : token.label,
    params.token ? null : token.input,
    username.label,
    username.input,
    ...password.nodes,
    h('button', { type: 'submit', class: 'primary' }, 'Create the administrator'),
    message,
  );
  mount(root, form);
  (params.token ? username.input : token.input).focus();
}
