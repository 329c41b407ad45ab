import type { Code } from '../../../server/api/types';
import {
  dropPlace,
  dropZoneAt,
  possibleParents,
  siblingsOf,
  subtreeOf,
} from '../../../client/src/coding/codes';

const code = (id: number, parentId: number | null, label: string): Code => ({
  id,
  parentId,
  code: label.toLowerCase(),
  label,
  description: '',
  position: id,
});
// A (1) > A1 (2) > A1a (3); A2 (4); B (5) > B1 (6); C (7)
const codes = [
  code(1, null, 'A'),
  code(2, 1, 'A1'),
  code(3, 2, 'A1a'),
  code(4, 1, 'A2'),
  code(5, null, 'B'),
  code(6, 5, 'B1'),
  code(7, null, 'C'),
];

describe('the codebook editor’s tree, without the DOM', () => {
  it('offers as parents every code but the one moved and its sub-codes', () => {
    expect([...subtreeOf(codes, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect(possibleParents(codes, 2).map((c) => c.label)).toEqual(['A', 'A2', 'B', 'B1', 'C']);
  });

  it('knows a code’s siblings and its index among them', () => {
    expect(siblingsOf(codes, codes[3]!)).toEqual({ siblings: [codes[1], codes[3]], index: 1 });
    expect(siblingsOf(codes, codes[6]!).index).toBe(2);
  });

  it.each([
    [0, 40, 'before'],
    [9, 40, 'before'],
    [20, 40, 'inside'],
    [31, 40, 'after'],
  ])('a pointer %ipx down a %ipx row is %s it', (y, height, zone) => {
    expect(dropZoneAt(y, height)).toBe(zone);
  });

  it.each([
    ['inside another code: its last child', 7, 5, 'inside', { parentId: 5, index: Number.MAX_SAFE_INTEGER }],
    ['before a theme', 7, 5, 'before', { parentId: null, index: 1 }],
    ['after a theme', 1, 5, 'after', { parentId: null, index: 1 }],
    ['after a sibling further down', 2, 4, 'after', { parentId: 1, index: 1 }],
    ['before a sibling further up', 4, 2, 'before', { parentId: 1, index: 0 }],
    ['beside a code of another parent', 6, 3, 'after', { parentId: 2, index: 1 }],
  ])('dropping %s', (_what, dragged, target, zone, place) => {
    expect(dropPlace(codes, dragged, target, zone as 'inside')).toEqual(place);
  });

  it('refuses a drop onto the code itself or beneath it', () => {
    expect(dropPlace(codes, 1, 1, 'inside')).toBeNull();
    expect(dropPlace(codes, 1, 3, 'after')).toBeNull();
  });
});
