import type { LabelSummary } from '../../../server/api/types';
import { h } from '../dom';
import { textColourOn } from './colour';

/**
 * A label as a coloured chip. The colour is set through the element's style object, not a
 * style attribute, which the Content-Security-Policy (style-src 'self') would refuse.
 */
export function labelChip(label: LabelSummary, remove?: () => void): HTMLElement {
  const chip = h(
    'span',
    { class: 'label-chip', 'data-label-id': label.id },
    label.name,
    remove
      ? h(
          'button',
          {
            type: 'button',
            class: 'label-remove',
            'aria-label': `Remove label ${label.name}`,
            onclick: remove,
          },
          '×',
        )
      : null,
  );
  chip.style.backgroundColor = label.colour;
  chip.style.color = textColourOn(label.colour);
  return chip;
}
