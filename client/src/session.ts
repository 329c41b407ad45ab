import type { LoginResponse, MeResponse, User } from '../../server/api/types';
import { api, ApiError, setCsrfToken } from './api';

let current: User | null = null;

export function currentUser(): User | null {
  return current;
}

/** Asks the server who is signed in (the cookie is httpOnly, so only the server knows). */
export async function loadSession(): Promise<User | null> {
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

export async function login(username: string, password: string): Promise<User> {
  const result = await api.post<LoginResponse>('/api/auth/login', { username, password });
  setCsrfToken(result.csrfToken);
  current = result.user;
  return result.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    setCsrfToken(null);
    current = null;
  }
}
