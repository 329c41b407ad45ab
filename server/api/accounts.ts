import type { Role } from './common';

/** GET/POST /api/auth/… : who is signed in. */
export interface User {
  id: number;
  username: string;
}

/** POST /api/auth/login. The CSRF token goes in the X-CSRF-Token header of every later write. */
export interface LoginResponse {
  user: User;
  csrfToken: string;
}

/** GET /api/auth/me: a browser session gets its CSRF token again; a bearer token has none. */
export type MeResponse = { user: User; via: 'session'; csrfToken: string } | { user: User; via: 'token' };

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
