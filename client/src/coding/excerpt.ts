import { h, type Child } from '../dom';

/** Said beside an excerpt written as an example (server/domain/coding/report.ts says the same in exports). */
export const ILLUSTRATIVE_NOTE = 'Illustrative example, not a quotation';

/**
 * An excerpt as a table shows it: the text, and for an illustrative example a visible note
 * that it is not the study's words (the demo's invented excerpts are marked so).
 */
export function excerptCell(excerpt: { excerpt: string; illustrative: boolean }): HTMLTableCellElement {
  const children: Child[] = [h('span', { dir: 'auto' }, excerpt.excerpt)];
  if (excerpt.illustrative) children.push(' ', h('em', { class: 'badge illustrative' }, ILLUSTRATIVE_NOTE));
  return h('td', {}, ...children);
}
