import type { LoginResponse, PasswordLinkPreview } from '../../../server/api/types';
import { deadLinkCard, failure, messageLine, newPasswordFields } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';
import { navigate } from '../router';
import { adoptSession } from '../session';

/** A one-time password link (#/reset/TOKEN): a forgotten password's reset, or a new account's first one. */
export async function resetPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const token = params.token ?? '';
  const message = messageLine();
  let preview: PasswordLinkPreview;
  try {
    preview = await api.post<PasswordLinkPreview>('/api/auth/reset/inspect', { token });
  } catch (error) {
    mount(
      root,
      deadLinkCard('This link cannot be used', error, 'This link is not valid.', ['#/login', 'Sign in']),
    );
    return;
  }
  const password = newPasswordFields('reset');
  const form = h(
    'form',
    {
      class: 'card narrow',
      'aria-labelledby': 'reset-title',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const problem = password.check();
        if (problem) return message.say(problem, true);
        try {
          adoptSession(
            await api.post<LoginResponse>('/api/auth/reset', { token, newPassword: password.value() }),
          );
          navigate('/projects');
        } catch (error) {
          message.say(failure(error, 'The password was not set.'), true);
        }
      },
    },
    h(
      'h1',
      { id: 'reset-title' },
      preview.purpose === 'activate' ? 'Choose your password' : 'Set a new password',
    ),
    h(
      'p',
      { class: 'hint' },
      `For the account `,
      h('strong', {}, preview.username),
      `. This link works once, until ${new Date(preview.expiresAt).toLocaleString()}.`,
    ),
    ...password.nodes,
    h('button', { type: 'submit', class: 'primary' }, 'Set the password and sign in'),
    message,
  );
  mount(root, form);
  (form.querySelector('input') as HTMLInputElement).focus();
}
