import type { ErrorBody } from '../../server/api/types';

/** The client's one door to the JSON API: adds the CSRF token and turns error bodies into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = sessionStorage.getItem('sift.csrf');

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem('sift.csrf', token);
  else sessionStorage.removeItem('sift.csrf');
}

/** The CSRF header pair for requests the api helper cannot make (uploads with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * Turns a failed response body into an ApiError (shared by fetch and XHR callers). Every part
 * may be missing: not every failed answer (an empty body, a proxy's) comes from Sift's handler.
 */
export function errorFromBody(status: number, statusText: string, data: unknown): ApiError {
  const error = (data as { error?: Partial<ErrorBody['error']> } | null)?.error;
  return new ApiError(status, error?.code ?? 'http_error', error?.message ?? statusText, error?.details);
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') Object.assign(headers, csrfHeaders());
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw errorFromBody(response.status, response.statusText, data);
  return data as T;
}

export const api = {
  get: <T>(path: string) => send<T>('GET', path),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => send<T>('DELETE', path),
};

/** A read that may not exist on this server or for this role (404/403): null instead of an error. */
export async function optional<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}
