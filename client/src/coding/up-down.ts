import { h } from '../dom';
import type { Step } from './steps';

/**
 * The ↑ and ↓ buttons that move `name` (e.g. "Move Career up") among `count` siblings, `data-action`
 * "up" and "down"; the one that cannot move at an end is disabled.
 */
export function upDownButtons(
  name: string,
  index: number,
  count: number,
  move: (step: Step) => () => void,
): HTMLButtonElement[] {
  const button = (step: Step) => {
    const dir = step < 0 ? 'up' : 'down';
    return h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'data-action': dir,
        'aria-label': `Move ${name} ${dir}`,
        title: `Move ${dir}`,
        disabled: step < 0 ? index === 0 : index === count - 1,
        onclick: move(step),
      },
      step < 0 ? '↑' : '↓',
    );
  };
  return [button(-1), button(1)];
}
