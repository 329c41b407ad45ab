import { keyCommand } from '../../../client/src/screening/keys';

describe('screening shortcuts', () => {
  it.each([
    ['i', { kind: 'decide', decision: 'include' }],
    ['I', { kind: 'decide', decision: 'include' }],
    ['e', { kind: 'decide', decision: 'exclude' }],
    ['M', { kind: 'decide', decision: 'maybe' }],
    ['u', { kind: 'undo' }],
    ['N', { kind: 'note' }],
    ['ArrowLeft', { kind: 'move', step: -1 }],
    ['ArrowRight', { kind: 'move', step: 1 }],
    ['?', { kind: 'help' }],
    ['1', { kind: 'reason', n: 1 }],
    ['9', { kind: 'reason', n: 9 }],
  ])('%s means %j', (key, command) => {
    expect(keyCommand(key)).toEqual(command);
  });

  it.each(['0', 'x', 'Enter', 'Escape', ' ', 'ArrowUp', 'İ'])('%j is no shortcut', (key) => {
    expect(keyCommand(key)).toBeNull();
  });
});
