/** A move of one place among siblings: up (-1) or down (1). No DOM here. */
export type Step = -1 | 1;

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
