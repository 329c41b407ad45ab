import type { CodebookResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';

/**
 * What the codebook page's sections share: the codebook as last read, and `change`, which makes
 * one change, reads the codebook again, redraws every section and then puts the focus and the
 * message where the owner acted (the element a section names by selector, after the redraw).
 */
export interface After {
  /** The element to focus once redrawn (a selector inside the page), e.g. the button pressed again. */
  focus?: string;
  /** A status element to say the outcome in (a selector), and what to say. */
  say?: { at: string; text: string };
}

export interface EditorContext {
  base: string;
  book: CodebookResponse;
  /**
   * Makes a change; on success redraws and follows `after` (or what `after` computes from the
   * answer, called before the redraw so a section can close the form it had open).
   */
  change<T>(
    work: () => Promise<T>,
    after: After | ((result: T) => After),
    failAt: HTMLElement,
  ): Promise<boolean>;
}

/** Within `root`, the element a selector names (`[data-code-id="3"] .code-status`). */
function find(root: HTMLElement, selector: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(selector);
}

export function editorContext(
  base: string,
  book: CodebookResponse,
  root: () => HTMLElement,
  redraw: () => void,
): EditorContext {
  const ctx: EditorContext = {
    base,
    book,
    async change(work, after, failAt) {
      failAt.classList.remove('error');
      let result;
      try {
        result = await work();
      } catch (e) {
        failAt.classList.add('error');
        failAt.textContent =
          e instanceof ApiError ? e.message : 'The change was not saved: the server did not answer.';
        return false;
      }
      // computed before the redraw: a section closes the form it had open here
      const then = typeof after === 'function' ? after(result) : after;
      ctx.book = await api.get<CodebookResponse>(`${base}/codebook`);
      redraw();
      if (then.focus) find(root(), then.focus)?.focus();
      const say = then.say;
      if (say) {
        const status = find(root(), say.at);
        // filled a frame after it is drawn, so a screen reader hears it as a change
        if (status) requestAnimationFrame(() => (status.textContent = say.text));
      }
      return true;
    },
  };
  return ctx;
}
