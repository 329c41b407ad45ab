import {
  depthFirst,
  moveCode,
  moveItem,
  subtreeIds,
  type TreeCode,
} from '../../../server/domain/coding/code-tree';
import { NotFoundError, ValidationError } from '../../../server/domain/errors';

// The tree used below (ids; children in order):
//   1 ambitions
//     2 career
//     3 upskilling
//       4 digital skills
//   5 preferences
//     6 online
//   7 balance
const codes: (TreeCode & { label: string })[] = [
  { id: 1, parentId: null, label: 'ambitions' },
  { id: 2, parentId: 1, label: 'career' },
  { id: 3, parentId: 1, label: 'upskilling' },
  { id: 4, parentId: 3, label: 'digital skills' },
  { id: 5, parentId: null, label: 'preferences' },
  { id: 6, parentId: 5, label: 'online' },
  { id: 7, parentId: null, label: 'balance' },
];

/** The tree as "parent>id" pairs in order: easy to read in a failed expectation. */
const shape = (list: readonly TreeCode[]) => list.map((c) => `${c.parentId ?? '-'}>${c.id}`);

describe('the codebook tree (the editor’s moves as pure functions)', () => {
  it('depthFirst() puts every parent before its children, keeping sibling order', () => {
    const shuffled = [codes[3]!, codes[6]!, codes[1]!, codes[0]!, codes[5]!, codes[2]!, codes[4]!];
    expect(shape(depthFirst(shuffled))).toEqual(['->7', '->1', '1>2', '1>3', '3>4', '->5', '5>6']);
  });

  it('depthFirst() keeps a code whose parent is gone (or in a cycle) at the top instead of losing it', () => {
    const broken = [
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 99 },
    ];
    expect(
      depthFirst(broken)
        .map((c) => c.id)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(depthFirst(broken).find((c) => c.id === 3)?.parentId).toBeNull();
  });

  it('subtreeIds() is a code and everything beneath it', () => {
    expect([...subtreeIds(codes, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect([...subtreeIds(codes, 6)]).toEqual([6]);
  });

  it.each([
    [
      'under another theme, last',
      3,
      { parentId: 5, index: 9 },
      ['->1', '1>2', '->5', '5>6', '5>3', '3>4', '->7'],
    ],
    [
      'under another theme, first',
      3,
      { parentId: 5, index: 0 },
      ['->1', '1>2', '->5', '5>3', '3>4', '5>6', '->7'],
    ],
    [
      'to the top level, between themes',
      6,
      { parentId: null, index: 1 },
      ['->1', '1>2', '1>3', '3>4', '->6', '->5', '->7'],
    ],
    [
      'up among its siblings (reorder)',
      3,
      { parentId: 1, index: 0 },
      ['->1', '1>3', '3>4', '1>2', '->5', '5>6', '->7'],
    ],
    [
      'a theme down to the end',
      1,
      { parentId: null, index: 2 },
      ['->5', '5>6', '->7', '->1', '1>2', '1>3', '3>4'],
    ],
    ['where it already is', 2, { parentId: 1, index: 0 }, ['->1', '1>2', '1>3', '3>4', '->5', '5>6', '->7']],
  ])('moveCode() moves a code with its sub-codes %s', (_what, id, to, expected) => {
    const moved = moveCode(codes, id, to);
    expect(shape(moved)).toEqual(expected);
    // nothing lost or duplicated, labels kept with their ids
    expect(moved.map((c) => c.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(moved.find((c) => c.id === 4)?.label).toBe('digital skills');
  });

  it('moveCode() refuses to move a code beneath itself or one of its own sub-codes', () => {
    expect(() => moveCode(codes, 1, { parentId: 1, index: 0 })).toThrow(ValidationError);
    expect(() => moveCode(codes, 1, { parentId: 4, index: 0 })).toThrow(ValidationError);
    expect(() => moveCode(codes, 3, { parentId: 4, index: 0 })).toThrow(/beneath itself/);
  });

  it('moveCode() refuses an unknown code or parent', () => {
    expect(() => moveCode(codes, 99, { parentId: null, index: 0 })).toThrow(NotFoundError);
    expect(() => moveCode(codes, 2, { parentId: 99, index: 0 })).toThrow(NotFoundError);
  });

  it('moveCode() leaves its input as it was', () => {
    const before = JSON.stringify(codes);
    moveCode(codes, 3, { parentId: 5, index: 0 });
    expect(JSON.stringify(codes)).toBe(before);
  });

  it.each([
    [0, 2, ['b', 'c', 'a']],
    [2, 0, ['c', 'a', 'b']],
    [1, 99, ['a', 'c', 'b']],
    [1, -3, ['b', 'a', 'c']],
    [5, 0, ['a', 'b', 'c']],
  ])('moveItem(["a","b","c"], %i, %i) is %j', (from, to, expected) => {
    expect(moveItem(['a', 'b', 'c'], from, to)).toEqual(expected);
  });
});
