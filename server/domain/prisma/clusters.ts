import type { SourceKind } from '../source-kinds';

/** The two identification columns of the PRISMA 2020 template. */
export type Column = 'dbr' | 'other';

/** Databases and registers are the systematic search; everything else is "other methods". */
export function columnOfKind(kind: SourceKind | undefined): Column {
  return kind === 'other' ? 'other' : 'dbr';
}

/** What clustering needs of a record: its id, its column and the record it was merged into. */
export interface ClusterMember {
  id: number;
  column: Column;
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
  removed: { dbr: R[]; other: R[] };
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
export function creditClusters<R extends ClusterMember>(records: readonly R[]): CreditedCluster<R>[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const primaryOf = (record: R): R => {
    const seen = new Set<number>([record.id]);
    let current = record;
    while (current.duplicateOf !== null) {
      const next = byId.get(current.duplicateOf);
      if (!next || seen.has(next.id)) return record;
      seen.add(next.id);
      current = next;
    }
    return current;
  };
  const members = new Map<number, R[]>();
  for (const record of [...records].sort((a, b) => a.id - b.id)) {
    const primary = primaryOf(record);
    const list = members.get(primary.id) ?? [];
    list.push(record);
    members.set(primary.id, list);
  }
  const clusters: CreditedCluster<R>[] = [];
  for (const [primaryId, copies] of members) {
    const primary = byId.get(primaryId)!;
    const column: Column = copies.some((r) => r.column === 'dbr') ? 'dbr' : 'other';
    const representative = primary.column === column ? primary : copies.find((r) => r.column === column)!;
    const removed = copies.filter((r) => r !== representative);
    clusters.push({
      primary,
      column,
      representative,
      removed: {
        dbr: removed.filter((r) => r.column === 'dbr'),
        other: removed.filter((r) => r.column === 'other'),
      },
    });
  }
  return clusters.sort((a, b) => a.representative.id - b.representative.id);
}
