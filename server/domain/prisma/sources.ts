import type { NameN, OtherMethod, SourceCount, TraceIds } from './types';

/**
 * Which template row an "other methods" source counts in, from its declared method or its name:
 * citation searching first, then anything called a website, then organisations; websites otherwise.
 */
export function otherMethodOf(source: Pick<SourceCount, 'name' | 'method'>): OtherMethod {
  if (source.method) return source.method;
  const name = source.name.toLowerCase();
  if (/citation|snowball|backward|forward|reference list|reading list|cited/.test(name)) return 'citation';
  if (/web ?sites?|web ?pages?|google|internet|online search/.test(name)) return 'website';
  if (
    /organi[sz]ation|agency|institut|society|ministry|government|charity|ngo\b|expert|manufacturer/.test(name)
  ) {
    return 'organisation';
  }
  return 'website';
}

export interface SourceGroup {
  total: number | null;
  ids: TraceIds | undefined;
  /** Per-name detail in first-seen order; two files of one database add up under one name. */
  detail: NameN[];
  detailIds: Map<string, TraceIds | undefined>;
}

/** Sums sources into one template row; null when no source of the group exists. */
export function groupSources(sources: readonly SourceCount[]): SourceGroup {
  if (sources.length === 0) return { total: null, ids: undefined, detail: [], detailIds: new Map() };
  const byName = new Map<string, { n: number; ids: number[] | undefined }>();
  let total = 0;
  let allTraced = true;
  for (const source of sources) {
    total += source.n;
    if (!source.ids) allTraced = false;
    const entry = byName.get(source.name);
    if (entry) {
      entry.n += source.n;
      entry.ids = entry.ids && source.ids ? entry.ids.concat(source.ids) : undefined;
    } else {
      byName.set(source.name, { n: source.n, ids: source.ids ? [...source.ids] : undefined });
    }
  }
  const detail: NameN[] = [];
  const detailIds = new Map<string, TraceIds | undefined>();
  for (const [name, entry] of byName) {
    detail.push({ name, n: entry.n });
    detailIds.set(name, entry.ids);
  }
  const ids = allTraced ? sources.flatMap((s) => s.ids ?? []) : undefined;
  return { total, ids, detail, detailIds };
}
