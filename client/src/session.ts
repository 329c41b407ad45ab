import type { LoginResponse, MeResponse, SignedInUser } from '../../server/api/types';
import { api, ApiError, setCsrfToken } from './api';

let current: SignedInUser | null = null;

export function currentUser(): SignedInUser | null {
  return current;
}

/** Asks the server who is signed in (the cookie is httpOnly, so only the server knows). */
export async function loadSession(): Promise<SignedInUser | null> {
  try {
    const me = await api.get<MeResponse>('/api/auth/me');
    current = me.user;
    if (me.via === 'session') setCsrfToken(me.csrfToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    current = null;
  }
  return current;
}

/** Takes the session an answer started (login, setup, a password link, an invitation). */
export function adoptSession(result: LoginResponse): SignedInUser {
  setCsrfToken(result.csrfToken);
  current = result.user;
  return result.user;
}

export async function login(username: string, password: string): Promise<SignedInUser> {
  return adoptSession(await api.post<LoginResponse>('/api/auth/login', { username, password }));
}

/** Forgets the session on this side (after the server ended it). */
export function forgetSession(): void {
  setCsrfToken(null);
  current = null;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    forgetSession();
  }
}
