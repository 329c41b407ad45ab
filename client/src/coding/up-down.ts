import { h } from '../dom';

export type Step = -1 | 1;

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

/**
 * The button to focus once an item moved a step from `index`: the one pressed, or, when the
 * item reached an end and that one is now disabled, its twin.
 */
export function focusAfterStep(index: number, step: Step, count: number): 'up' | 'down' {
  const to = index + step;
  const atEnd = to === 0 || to === count - 1;
  const pressed = step < 0 ? 'up' : 'down';
  return atEnd ? (pressed === 'up' ? 'down' : 'up') : pressed;
}
