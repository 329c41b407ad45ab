import { ApiError } from '../api';
import { statusLine } from '../layout';

/** Runs one change and says in a status line whether it was saved. */
export type Save = (what: string, run: () => Promise<unknown>) => Promise<void>;

function savingTo(status: HTMLElement): Save {
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

/** A status line to put beside a form's button, and the Save that reports there. */
export function savingBeside(): { status: HTMLParagraphElement; save: Save } {
  const status = statusLine();
  return { status, save: savingTo(status) };
}
