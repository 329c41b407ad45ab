import type { SiteStatus } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { afterSignIn, navigate } from '../router';
import { login } from '../session';

/** The demo's accounts, shown only when the server runs the demo (GET /api/auth/status). */
function demoHint(demo: SiteStatus['demo']): HTMLElement | null {
  if (!demo) return null;
  const names = demo.accounts.flatMap((name, i) => [
    i === 0 ? '' : i === demo.accounts.length - 1 ? ' or ' : ', ',
    h('code', {}, name),
  ]);
  return h(
    'p',
    { class: 'hint' },
    'Demo review: sign in as ',
    ...names,
    ' with the password ',
    h('code', {}, demo.password),
    '.',
  );
}

export async function loginPage(root: HTMLElement): Promise<void> {
  const status = await api.get<SiteStatus>('/api/auth/status');
  if (status.setupRequired) {
    navigate('/setup');
    return;
  }
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
    demoHint(status.demo),
  );
  mount(root, form);
  username.focus();
}
