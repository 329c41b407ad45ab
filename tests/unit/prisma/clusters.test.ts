import { creditClusters, inIdOrder, type Column } from '../../../server/domain/prisma/clusters';

interface Rec {
  id: number;
  duplicateOf: number | null;
  column: Column;
}
const rec = (id: number, duplicateOf: number | null = null, column: Column = 'dbr'): Rec => ({
  id,
  duplicateOf,
  column,
});
const credit = (records: Rec[]) => creditClusters(records, (r) => r.column);
const ids = (list: readonly { id: number }[]) => list.map((r) => r.id);

describe('inIdOrder', () => {
  it.each([
    ['shuffled', [3, 1, 2]],
    ['descending', [3, 2, 1]],
    ['one pair swapped at the end', [1, 2, 4, 3]],
  ])('sorts a %s list by ascending id', (_name, order) => {
    const list = order.map((id) => ({ id }));
    expect(ids(inIdOrder(list))).toEqual([...order].sort((a, b) => a - b));
    expect(ids(list)).toEqual(order);
  });

  it('gives back a list already in order (or with equal ids side by side) as it is, without copying it', () => {
    const sorted = [{ id: 1 }, { id: 2 }, { id: 2 }, { id: 5 }];
    expect(inIdOrder(sorted)).toBe(sorted);
  });
});

describe('creditClusters', () => {
  it('lists the works in id order, whatever the order of the records given', () => {
    const clusters = credit([rec(4), rec(2, 3), rec(3), rec(1)]);
    expect(clusters.map((c) => c.primary.id)).toEqual([1, 3, 4]);
    expect(ids(clusters[1]!.removed.dbr)).toEqual([2]);
  });

  it('leaves a record merged into a record that is not in the list as a work of its own', () => {
    const clusters = credit([rec(1), rec(2, 99)]);
    expect(clusters.map((c) => [c.primary.id, c.representative.id])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(clusters.every((c) => c.removed.dbr.length === 0 && c.removed.other.length === 0)).toBe(true);
  });

  it('leaves records whose duplicate links form a cycle as works of their own, instead of looping', () => {
    const clusters = credit([rec(1, 2), rec(2, 3), rec(3, 1), rec(4, 1, 'other')]);
    // 1 → 2 → 3 → 1 has no end: 1, 2 and 3 stay their own primaries; 4 follows the loop from 1
    // and, finding no end either, stays its own too.
    expect(clusters.map((c) => c.primary.id)).toEqual([1, 2, 3, 4]);
    expect(clusters.map((c) => c.column)).toEqual(['dbr', 'dbr', 'dbr', 'other']);
    expect(clusters.every((c) => c.removed.dbr.length === 0 && c.removed.other.length === 0)).toBe(true);
  });

  it('follows a chain of links to its end, and credits the work to databases when a copy came from one', () => {
    // 1 (other) → 2 (other) → 3 (dbr, the primary): one work of three copies, credited to dbr,
    // with both other-methods copies removed as duplicates in their own column.
    const clusters = credit([rec(1, 2, 'other'), rec(2, 3, 'other'), rec(3)]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.primary.id).toBe(3);
    expect(clusters[0]!.representative.id).toBe(3);
    expect(clusters[0]!.column).toBe('dbr');
    expect(ids(clusters[0]!.removed.other)).toEqual([1, 2]);
  });
});
