import type {
  AcceptedInvitation,
  InvitationPreview,
  RegisteredFromInvitation,
} from '../../../server/api/types';
import { deadLinkCard, field, failure, messageLine, newPasswordFields } from '../account-forms';
import { api } from '../api';
import { h, mount } from '../dom';
import { navigate } from '../router';
import { adoptSession, currentUser, login } from '../session';

/**
 * An invitation link (#/invite/TOKEN): says which review and role it offers, then lets the
 * invitee join as the signed-in user, create an account, or sign in with theirs and join.
 */
export async function invitePage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const token = params.token ?? '';
  let preview: InvitationPreview;
  try {
    preview = await api.post<InvitationPreview>('/api/invitations/inspect', { token });
  } catch (error) {
    const back: [string, string] = currentUser() ? ['#/projects', 'Your reviews'] : ['#/login', 'Sign in'];
    mount(
      root,
      deadLinkCard('This invitation cannot be used', error, 'This invitation link is not valid.', back),
    );
    return;
  }
  const land = (projectId: number) => navigate(`/projects/${projectId}`);
  const intro = h(
    'p',
    {},
    preview.invitedBy ? `${preview.invitedBy} invites you to ` : 'You are invited to ',
    h('strong', {}, preview.project.name),
    ` as ${preview.role}. The link works once, until ${new Date(preview.expiresAt).toLocaleString()}.`,
  );
  const user = currentUser();
  if (user) {
    const message = messageLine();
    mount(
      root,
      h(
        'section',
        { class: 'card narrow', 'aria-labelledby': 'invite-title' },
        h('h1', { id: 'invite-title' }, 'Join a review'),
        intro,
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => {
              try {
                land((await api.post<AcceptedInvitation>('/api/invitations/accept', { token })).projectId);
              } catch (error) {
                message.say(failure(error, 'Could not join.'), true);
              }
            },
          },
          `Join as ${user.username}`,
        ),
        message,
      ),
    );
    return;
  }

  const newName = field('Choose a username', { id: 'invite-username', autocomplete: 'username' });
  const newPassword = newPasswordFields('invite');
  const createMessage = messageLine();
  const create = h(
    'form',
    {
      class: 'card narrow',
      'aria-labelledby': 'invite-create',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const problem = newPassword.check();
        if (problem) return createMessage.say(problem, true);
        createMessage.say('Creating your account…');
        try {
          const result = await api.post<RegisteredFromInvitation>('/api/invitations/register', {
            token,
            username: newName.input.value.trim(),
            password: newPassword.value(),
          });
          adoptSession(result);
          land(result.projectId);
        } catch (error) {
          createMessage.say(failure(error, 'The account was not created.'), true);
        }
      },
    },
    h('h2', { id: 'invite-create' }, 'New to Sift: create an account'),
    newName.label,
    newName.input,
    ...newPassword.nodes,
    h('button', { type: 'submit', class: 'primary' }, 'Create the account and join'),
    createMessage,
  );

  const name = field('Username', { id: 'invite-signin-username', autocomplete: 'username' });
  const password = field('Password', {
    id: 'invite-signin-password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const signInMessage = messageLine();
  const signIn = h(
    'form',
    {
      class: 'card narrow',
      'aria-labelledby': 'invite-signin',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await login(name.input.value.trim(), password.input.value);
          land((await api.post<AcceptedInvitation>('/api/invitations/accept', { token })).projectId);
        } catch (error) {
          signInMessage.say(failure(error, 'Could not sign in and join.'), true);
        }
      },
    },
    h('h2', { id: 'invite-signin' }, 'Already have an account: sign in and join'),
    name.label,
    name.input,
    password.label,
    password.input,
    h('button', { type: 'submit' }, 'Sign in and join'),
    signInMessage,
  );
  mount(
    root,
    h('h1', { class: 'page-title' }, 'Join a review'),
    h('div', { class: 'card narrow' }, intro),
    create,
    signIn,
  );
  newName.input.focus();
}
