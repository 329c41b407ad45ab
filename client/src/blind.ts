import { ApiError } from './api';
import { h } from './dom';

/**
 * What the server's visibility policy withholds: a 403 whose details say `reason: "blind"` (the
 * view is computed from other members' judgements at a stage still blind to the caller). Pages
 * show its message where the view would be, inside their frame, instead of failing.
 */
export function isBlinded(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    (error.details as { reason?: unknown } | undefined)?.reason === 'blind'
  );
}

/** The request's answer, or the blinding refusal (any other failure is thrown). */
export async function unlessBlinded<T>(request: Promise<T>): Promise<T | ApiError> {
  try {
    return await request;
  } catch (error) {
    if (isBlinded(error)) return error;
    throw error;
  }
}

/** Shown in place of what blinding hides. */
export function blindedNotice(error: ApiError): HTMLElement {
  return h('p', { class: 'card muted blinded', role: 'note' }, `Hidden while blind: ${error.message}.`);
}
