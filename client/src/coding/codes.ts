import type { Code } from '../../../server/api/types';

/** The codebook's tree, read from the flat list the API sends. No DOM here. */

/** How deep a code sits (0 at the top); a broken parent chain stops rather than loops. */
export function codeDepth(codes: readonly Code[], code: Code): number {
  let depth = 0;
  for (
    let p = code.parentId;
    p != null && depth < codes.length;
    p = codes.find((x) => x.id === p)?.parentId ?? null
  )
    depth++;
  return depth;
}

/** Each parent's children in codebook order; top-level codes under null. */
export function childrenByParent(codes: readonly Code[]): Map<number | null, Code[]> {
  const byParent = new Map<number | null, Code[]>();
  for (const c of codes) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  return byParent;
}

/** A code's id and the ids of every code beneath it (where it may not be moved). */
export function subtreeOf(codes: readonly Code[], codeId: number): Set<number> {
  const under = new Set([codeId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of codes)
      if (c.parentId !== null && under.has(c.parentId) && !under.has(c.id)) {
        under.add(c.id);
        grew = true;
      }
  }
  return under;
}

/** The codes a code may be moved under: all but itself and its sub-codes. */
export function possibleParents(codes: readonly Code[], codeId: number): Code[] {
  const under = subtreeOf(codes, codeId);
  return codes.filter((c) => !under.has(c.id));
}

/** A code's siblings in order (itself included) and its index among them. */
export function siblingsOf(codes: readonly Code[], code: Code): { siblings: Code[]; index: number } {
  const siblings = codes.filter((c) => c.parentId === code.parentId);
  return { siblings, index: siblings.findIndex((c) => c.id === code.id) };
}

/** Where a dragged code lands on another: before it, after it (as its sibling), or inside it (last child). */
export type DropZone = 'before' | 'after' | 'inside';

/** The zone of a row the pointer is over: its top and bottom quarters are beside it, the middle inside. */
export function dropZoneAt(offsetY: number, height: number): DropZone {
  if (offsetY < height / 4) return 'before';
  if (offsetY > (height * 3) / 4) return 'after';
  return 'inside';
}

/**
 * The place a code dropped on another goes to, as the move API takes it (a parent, an index
 * among its siblings there); null when the drop is not allowed (onto itself or beneath itself).
 */
export function dropPlace(
  codes: readonly Code[],
  draggedId: number,
  targetId: number,
  zone: DropZone,
): { parentId: number | null; index: number } | null {
  const target = codes.find((c) => c.id === targetId);
  if (!target || subtreeOf(codes, draggedId).has(targetId)) return null;
  if (zone === 'inside') return { parentId: target.id, index: Number.MAX_SAFE_INTEGER };
  // the index among the target's siblings once the dragged code has left them
  const siblings = codes.filter((c) => c.parentId === target.parentId && c.id !== draggedId);
  const at = siblings.findIndex((c) => c.id === targetId);
  return { parentId: target.parentId, index: zone === 'before' ? at : at + 1 };
}
