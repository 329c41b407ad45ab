import { focusAfterStep } from '../../../client/src/coding/steps';

describe('the focus after ↑ or ↓ moved an item among its siblings', () => {
  it.each([
    [2, -1, 5, 'up'],
    [1, -1, 5, 'down'],
    [2, 1, 5, 'down'],
    [3, 1, 5, 'up'],
  ] as const)('from %i by %i among %i: %s', (index, step, count, focus) => {
    expect(focusAfterStep(index, step, count)).toBe(focus);
  });
});
