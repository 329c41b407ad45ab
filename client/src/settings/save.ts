import { ApiError } from '../api';

/** Runs one change and says in the status line whether it was saved. */
export type Save = (what: string, run: () => Promise<unknown>) => Promise<void>;

export function savingTo(status: HTMLElement): Save {
  return async (what, run) => {
    status.classList.remove('error');
    try {
      await run();
      status.textContent = `${what} saved.`;
    } catch (error) {
      status.classList.add('error');
      status.textContent =
        error instanceof ApiError ? `${what} not saved: ${error.message}` : `${what} not saved.`;
    }
  };
}
