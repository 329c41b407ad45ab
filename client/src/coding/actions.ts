import { ApiError } from '../api';
import { statusLine } from '../layout';

/**
 * For buttons of the coding page that change something and redraw it: a status line, and `run`,
 * which makes the change, redraws, or says in the status line why the server refused.
 */
export function changesThatReload(reload: () => void): {
  status: HTMLParagraphElement;
  run: (work: () => Promise<unknown>) => () => Promise<void>;
} {
  const status = statusLine();
  const run = (work: () => Promise<unknown>) => async () => {
    try {
      await work();
      reload();
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : 'Could not save';
    }
  };
  return { status, run };
}
