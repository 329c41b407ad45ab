/**
 * Keeps what the reader was looking at in place when the page changes around it: scrolls so
 * that `element` sits at `top` (a viewport y, e.g. where the button just pressed was), so a
 * message that replaces a tall card appears where the reader's eyes already are.
 */
export function keepAt(element: HTMLElement, top: number): void {
  const delta = element.getBoundingClientRect().top - top;
  if (Math.abs(delta) >= 1) window.scrollBy({ top: delta, behavior: 'instant' });
}
