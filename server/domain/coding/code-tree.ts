import { NotFoundError, ValidationError } from '../errors';

/**
 * The codebook's tree as a flat list: each code names its parent by id. The list's order is the
 * codes' order: siblings keep their relative order, and the stored order is depth-first (every
 * parent before its children), which is what the codebook export needs to be read back.
 */
export interface TreeCode {
  id: number;
  parentId: number | null;
}

/** Where a code goes: under `parentId` (null: a theme at the top), at `index` among its new siblings. */
export interface CodePlace {
  parentId: number | null;
  index: number;
}

/**
 * The codes depth-first, children after their parent in their current order. A code whose
 * parent is not in the list, or that sits in a cycle, would be lost: it comes last, at the top
 * level, so that nothing disappears from the editor.
 */
export function depthFirst<T extends TreeCode>(codes: readonly T[]): T[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<number | null, T[]>();
  for (const c of codes) {
    const known = c.parentId === null || ids.has(c.parentId);
    const parent = known ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), known ? c : { ...c, parentId: null }]);
  }
  const ordered: T[] = [];
  const placed = new Set<number>();
  const visit = (parent: number | null): void => {
    for (const c of children.get(parent) ?? []) {
      if (placed.has(c.id)) continue;
      placed.add(c.id);
      ordered.push(c);
      visit(c.id);
    }
  };
  visit(null);
  for (const c of codes)
    if (!placed.has(c.id)) {
      placed.add(c.id);
      ordered.push({ ...c, parentId: null });
      visit(c.id);
    }
  return ordered;
}

/** A code's id and the ids of every code beneath it. */
export function subtreeIds(codes: readonly TreeCode[], codeId: number): Set<number> {
  const under = new Set([codeId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codes)
      if (c.parentId !== null && under.has(c.parentId) && !under.has(c.id)) {
        under.add(c.id);
        grew = true;
      }
  }
  return under;
}

/**
 * Moves a code, with its sub-codes, to a new place: under another code or to the top, at an
 * index among its new siblings (clamped to the ends), which also reorders siblings when the
 * parent stays the same. Refuses a parent that is the code itself or beneath it. Returns every
 * code depth-first with its new parent; a code's position is its index in the result.
 */
export function moveCode<T extends TreeCode>(codes: readonly T[], codeId: number, to: CodePlace): T[] {
  const code = codes.find((c) => c.id === codeId);
  if (!code) throw new NotFoundError(`code ${codeId} not found`);
  if (to.parentId !== null) {
    if (!codes.some((c) => c.id === to.parentId)) throw new NotFoundError(`code ${to.parentId} not found`);
    if (subtreeIds(codes, codeId).has(to.parentId))
      throw new ValidationError('a code cannot be moved beneath itself or one of its own sub-codes');
  }
  const ordered = depthFirst(codes);
  const moved = { ...code, parentId: to.parentId };
  const siblings = ordered.filter((c) => c.parentId === to.parentId && c.id !== codeId);
  const index = Math.min(Math.max(0, Math.trunc(to.index)), siblings.length);
  siblings.splice(index, 0, moved);
  // every other parent keeps its children's order; the new parent's are `siblings`
  const rest = ordered.filter((c) => c.id !== codeId && c.parentId !== to.parentId);
  return depthFirst([...siblings, ...rest]);
}

/** A list with one item moved to `index` (clamped): how fields and choices are reordered. */
export function moveItem<T>(items: readonly T[], from: number, index: number): T[] {
  if (from < 0 || from >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(Math.min(Math.max(0, Math.trunc(index)), out.length), 0, item as T);
  return out;
}
