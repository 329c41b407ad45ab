import type { Role } from './common';

/** GET/POST /api/auth/… : who is signed in. */
export interface User {
  id: number;
  username: string;
}

/** POST /api/auth/login. The CSRF token goes in the X-CSRF-Token header of every later write. */
export interface LoginResponse {
  user: SignedInUser;
  csrfToken: string;
}

/** GET /api/auth/me: a browser session gets its CSRF token again; a bearer token has none. */
export type MeResponse =
  { user: SignedInUser; via: 'session'; csrfToken: string } | { user: SignedInUser; via: 'token' };

/** GET /api/tokens: one personal API token (never its secret). */
export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POST /api/tokens: the new token with its secret, shown this once. */
export interface CreatedApiToken {
  id: number;
  name: string;
  createdAt: string;
  /** The secret: shown once, never stored. */
  token: string;
}

/** GET/POST/PATCH …/members: a user's membership of a project. */
export interface Member {
  userId: number;
  username: string;
  role: Role;
  addedAt: string;
}

/** The signed-in user as login, setup and /api/auth/me answer: with the site role. */
export interface SignedInUser extends User {
  /** a site administrator (the Admin page), apart from any project role */
  admin: boolean;
}

/** GET /api/auth/status (public): what the sign-in page needs to know about this server. */
export interface SiteStatus {
  /** no account exists yet: the first-run setup page makes the first administrator */
  setupRequired: boolean;
  /** the demo's accounts and password, only when the server runs the demo (`sift demo`) */
  demo: { accounts: string[]; password: string } | null;
}

/** GET /api/admin/users: one account as administrators see it. */
export interface Account {
  id: number;
  username: string;
  admin: boolean;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  lastSignInAt: string | null;
  /** true until the first password is set through the account's one-time link */
  awaitingPassword: boolean;
}

/** A one-time link (password reset, new account, invitation): the secret is in `url`, shown once. */
export interface OneTimeLink {
  url: string;
  expiresAt: string;
}

/** POST /api/admin/users: the new account and the link that lets its owner choose a password. */
export interface CreatedAccount {
  account: Account;
  link: OneTimeLink;
}

/** GET /api/admin/events: one entry of the append-only account log. */
export interface AccountEvent {
  id: number;
  at: string;
  event: string;
  /** who did it (a username, or "command line") */
  actor: string | null;
  /** whom it concerns */
  subject: string | null;
  projectId: number | null;
  details: Record<string, unknown> | null;
}

/** POST /api/auth/reset/inspect: what a password link is for. */
export interface PasswordLinkPreview {
  username: string;
  purpose: 'reset' | 'activate';
  expiresAt: string;
}

export type InvitationState = 'pending' | 'used' | 'expired' | 'revoked';

/** GET …/invitations: one invitation (never its secret). */
export interface Invitation {
  id: number;
  role: Role;
  state: InvitationState;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  revokedAt: string | null;
}

/** POST …/invitations: the invitation and its link, shown once. */
export interface CreatedInvitation {
  invitation: Invitation;
  link: OneTimeLink;
}

/** POST /api/invitations/inspect: what the invitee sees before accepting. */
export interface InvitationPreview {
  project: { id: number; name: string };
  role: Role;
  invitedBy: string | null;
  expiresAt: string;
}

/** POST /api/invitations/accept: the project joined and the role it gave. */
export interface AcceptedInvitation {
  projectId: number;
  role: Role;
}

/** POST /api/invitations/register: a new account, signed in, already a member. */
export interface RegisteredFromInvitation extends LoginResponse, AcceptedInvitation {}
