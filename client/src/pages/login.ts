import { ApiError } from '../api';
import { h, mount } from '../dom';
import { afterSignIn, navigate } from '../router';
import { login } from '../session';

export function loginPage(root: HTMLElement): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    {
      class: 'card narrow',
      'aria-labelledby': 'login-title',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          await login(username.value, password.value);
          navigate(afterSignIn());
        } catch (e) {
          error.textContent = e instanceof ApiError ? e.message : 'Sign-in failed';
        }
      },
    },
    h('h1', { id: 'login-title' }, 'Sign in to Sift'),
    h('label', { for: 'username' }, 'Username'),
    username,
    h('label', { for: 'password' }, 'Password'),
    password,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    error,
    h(
      'p',
      { class: 'hint' },
      'Demo review: sign in as ',
      h('code', {}, 'owner'),
      ', ',
      h('code', {}, 'alice'),
      ' or ',
      h('code', {}, 'bob'),
      ' with the password ',
      h('code', {}, 'sift-demo'),
      '.',
    ),
  );
  mount(root, form);
  username.focus();
}
