import type { SourceKind } from '../source-kinds';

/** The two identification columns of the PRISMA 2020 template. */
export type Column = 'dbr' | 'other';

/** Databases and registers are the systematic search; everything else is "other methods". */
export function columnOfKind(kind: SourceKind | undefined): Column {
  return kind === 'other' ? 'other' : 'dbr';
}

/** What clustering needs of a record: its id and the record it was merged into. */
export interface ClusterMember {
  id: number;
  /** The primary this record was merged into by deduplication; null when it was kept. */
  duplicateOf: number | null;
}

/** One work as the review identified it: every copy deduplication merged, and where it is credited. */
export interface CreditedCluster<R extends ClusterMember> {
  /** The record that carries the cluster's decisions (deduplication's primary). */
  primary: R;
  /** The column that identified the work: databases and registers when any copy came from one. */
  column: Column;
  /**
   * The copy that stands for the work in its column's boxes: the primary when it belongs to
   * that column, else the column's lowest-id copy. Every other copy is a removed duplicate.
   */
  representative: R;
  /** The copies removed as duplicates, each counted in its own column; ascending ids. */
  removed: { readonly dbr: readonly R[]; readonly other: readonly R[] };
}

const NONE_REMOVED = { dbr: [], other: [] } as const;

const byIdOrder = (a: { id: number }, b: { id: number }) => a.id - b.id;

/** `list` in ascending id order, sorted only when it is not already (the usual case). */
export function inIdOrder<T extends { id: number }>(list: readonly T[]): readonly T[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.id > list[i]!.id) return [...list].sort(byIdOrder);
  return list;
}

/**
 * Groups records into the works deduplication found and credits each work to one column.
 *
 * The credit must not depend on which copy deduplication chose as primary (the most complete
 * one, or a reviewer's pick): a work found by the database search is credited to databases and
 * registers even when its best copy came from citation searching, and its copies from other
 * methods are counted as duplicates removed in the other-methods column. A work found only by
 * other methods is credited there. Chains of duplicate_of are followed to their end; a link to
 * a record that is not in the list, or a cycle, leaves the record as its own primary.
 */
export function creditClusters<R extends ClusterMember>(
  records: readonly R[],
  columnOf: (record: R) => Column,
): CreditedCluster<R>[] {
  const ordered = inIdOrder(records);
  const byId = new Map<number, R>();
  const merged = new Set<number>();
  for (const r of ordered) {
    byId.set(r.id, r);
    if (r.duplicateOf !== null) merged.add(r.duplicateOf);
  }
  const alone = (r: R) => r.duplicateOf === null && !merged.has(r.id);
  const primaryOf = (record: R): R => {
    let current = record;
    // More hops than records means a cycle.
    for (let hops = 0; current.duplicateOf !== null; hops++) {
      const next = byId.get(current.duplicateOf);
      if (!next || hops > byId.size) return record;
      current = next;
    }
    return current;
  };
  // Most records are works of their own; only merged ones are grouped.
  const members = new Map<number, R[]>();
  for (const record of ordered) {
    if (alone(record)) continue;
    const primary = primaryOf(record);
    const list = members.get(primary.id);
    if (list) list.push(record);
    else members.set(primary.id, [record]);
  }
  const byRepresentative = new Map<number, CreditedCluster<R>>();
  for (const [primaryId, copies] of members) {
    const primary = byId.get(primaryId)!;
    const column: Column = copies.some((r) => columnOf(r) === 'dbr') ? 'dbr' : 'other';
    const representative =
      columnOf(primary) === column ? primary : copies.find((r) => columnOf(r) === column)!;
    const removed = { dbr: [] as R[], other: [] as R[] };
    for (const copy of copies) if (copy !== representative) removed[columnOf(copy)].push(copy);
    byRepresentative.set(representative.id, { primary, column, representative, removed });
  }
  const clusters: CreditedCluster<R>[] = [];
  for (const r of ordered) {
    if (alone(r))
      clusters.push({ primary: r, column: columnOf(r), representative: r, removed: NONE_REMOVED });
    else {
      const cluster = byRepresentative.get(r.id);
      if (cluster) clusters.push(cluster);
    }
  }
  return clusters;
}
