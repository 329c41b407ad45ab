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
