import { candidatePairs } from './blocking';
import { featuresOf, newFeatureCache, type MatchFeatures } from './features';
import { classifyPair } from './rules';
import type { DedupRecord, PairVerdict } from './types';
import { UnionFind } from './union-find';

/** One comparison kept as evidence: the two record ids and what the rules said about them. */
export interface EvidencePair extends PairVerdict {
  a: number;
  b: number;
}

/** A group of records and the pairwise evidence that joined them. */
export interface DedupGroup {
  recordIds: number[];
  evidence: EvidencePair[];
}

export interface DedupPlan {
  /** Groups of two or more records that are certainly the same work. */
  merged: DedupGroup[];
  /** Groups a reviewer must decide. */
  review: DedupGroup[];
  /** Preprint ↔ published pairs: linked as related reports, never merged. */
  related: DedupGroup[];
  /**
   * Records that look alike (near-identical titles) but a veto kept apart — two editorials of one
   * editor in different issues — with the vetoes as evidence, so a reviewer can see why.
   */
  keptApart: DedupGroup[];
  comparisons: number;
}

export interface DedupOptions {
  /** Incremental run: only pairs with at least one of these records are compared. */
  newIds?: Set<number>;
  /** Groups already merged (earlier runs, reviewer merges): kept together. */
  mergedGroups?: number[][];
  /** Pairs a reviewer declared not duplicates: never merged or offered again. */
  notDuplicatePairs?: [number, number][];
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Finds duplicates among records: blocking → pairwise rules → clustering. A certain pair joins
 * two clusters only if no vetoed pair and no two different DOIs would end up together, so one
 * wrong link cannot chain unrelated works.
 */
export function planDeduplication(records: DedupRecord[], options: DedupOptions = {}): DedupPlan {
  const cache = newFeatureCache();
  const features = records.map((r) => featuresOf(r, cache));
  const indexOfId = new Map<number, number>();
  features.forEach((f, i) => indexOfId.set(f.id, i));
  const cannotLink = new Set<string>((options.notDuplicatePairs ?? []).map(([a, b]) => pairKey(a, b)));
  const reviewerSaidNo = new Set(cannotLink);

  const duplicates: EvidencePair[] = [];
  const reviews: EvidencePair[] = [];
  const related: EvidencePair[] = [];
  const keptApart: EvidencePair[] = [];
  const pairs = candidatePairs(features, options.newIds);
  for (const [i, j] of pairs) {
    const fa = features[i]!;
    const fb = features[j]!;
    if (reviewerSaidNo.has(pairKey(fa.id, fb.id))) continue;
    const v = classifyPair(fa, fb);
    const evidence: EvidencePair = { a: fa.id, b: fb.id, ...v };
    if (v.outcome === 'duplicate') duplicates.push(evidence);
    else if (v.outcome === 'review') reviews.push(evidence);
    else if (v.outcome === 'related') related.push(evidence);
    // A hard veto keeps the two apart even through third records; a doubt (review) does not.
    if (v.outcome === 'distinct' && v.rule.startsWith('veto:')) cannotLink.add(pairKey(fa.id, fb.id));
    if (v.outcome === 'related') cannotLink.add(pairKey(fa.id, fb.id));
    if (v.outcome === 'distinct' && v.vetoes && looksAlike(v)) keptApart.push(evidence);
  }

  const uf = new UnionFind(features.length);
  const members = new Map<number, number[]>();
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  const join = (x: number, y: number): void => {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) return;
    const all = [...membersOf(rx), ...membersOf(ry)];
    members.delete(rx);
    members.delete(ry);
    members.set(uf.union(rx, ry), all);
  };
  for (const group of options.mergedGroups ?? []) {
    const indexes = group.map((id) => indexOfId.get(id)).filter((i): i is number => i !== undefined);
    for (let k = 1; k < indexes.length; k++) join(indexes[0]!, indexes[k]!);
  }

  // In an incremental run, two earlier records left apart were already judged distinct.
  const isEarlier = (i: number): boolean => !!options.newIds && !options.newIds.has(features[i]!.id);
  const canJoin = (x: number, y: number): boolean => {
    const left = membersOf(uf.find(x));
    const right = membersOf(uf.find(y));
    if (left.some(isEarlier) && right.some(isEarlier)) return false;
    const dois = new Set<string>();
    // Versions of one Cochrane review (.pub2, .pub3) count as one DOI here.
    for (const i of [...left, ...right])
      if (features[i]!.doi) dois.add(features[i]!.doi.replace(/\.pub\d+$/, ''));
    if (dois.size > 1) return false;
    for (const l of left)
      for (const r of right) if (cannotLink.has(pairKey(features[l]!.id, features[r]!.id))) return false;
    return true;
  };

  const joinedBy = new Map<number, EvidencePair[]>();
  duplicates.sort((p, q) => q.score - p.score);
  for (const pair of duplicates) {
    const x = indexOfId.get(pair.a)!;
    const y = indexOfId.get(pair.b)!;
    if (uf.find(x) === uf.find(y)) {
      (joinedBy.get(x) ?? joinedBy.set(x, []).get(x)!).push(pair);
      continue;
    }
    if (canJoin(x, y)) {
      join(x, y);
      (joinedBy.get(x) ?? joinedBy.set(x, []).get(x)!).push(pair);
    } else {
      reviews.push({ ...pair, outcome: 'review', rule: `uncertain:cluster-conflict (${pair.rule})` });
    }
  }

  const merged = new Map<number, DedupGroup>();
  for (const [root, list] of members) {
    merged.set(root, { recordIds: list.map((i) => features[i]!.id).sort((p, q) => p - q), evidence: [] });
  }
  for (const [x, list] of joinedBy) merged.get(uf.find(x))?.evidence.push(...list);

  return {
    merged: [...merged.values()],
    review: groupPairs(reviews, features, uf, indexOfId),
    related: related.map((pair) => ({ recordIds: [pair.a, pair.b], evidence: [pair] })),
    keptApart: groupPairs(keptApart, features, uf, indexOfId),
    comparisons: pairs.length,
  };
}

/**
 * A vetoed pair a reviewer could take for one record — nearly the same title from the same authors
 * or venue (two editorials of one editor) — is shown as kept apart; unrelated look-alike titles
 * in other journals are not worth a reviewer's time.
 */
function looksAlike(v: PairVerdict): boolean {
  const s = v.similarities;
  return (s.title ?? 0) >= 0.95 && ((s.authors ?? 0) >= 0.5 || (s.journal ?? 0) >= 0.8);
}

/** Pairs between different clusters, grouped into connected components of records. */
function groupPairs(
  pairs: EvidencePair[],
  features: MatchFeatures[],
  merged: UnionFind,
  indexOfId: Map<number, number>,
): DedupGroup[] {
  const open = pairs.filter((p) => merged.find(indexOfId.get(p.a)!) !== merged.find(indexOfId.get(p.b)!));
  const uf = new UnionFind(features.length);
  for (const p of open) uf.union(indexOfId.get(p.a)!, indexOfId.get(p.b)!);
  const groups = new Map<number, DedupGroup>();
  for (const p of open) {
    const root = uf.find(indexOfId.get(p.a)!);
    const group = groups.get(root) ?? { recordIds: [], evidence: [] };
    group.evidence.push(p);
    for (const id of [p.a, p.b]) if (!group.recordIds.includes(id)) group.recordIds.push(id);
    groups.set(root, group);
  }
  for (const g of groups.values()) g.recordIds.sort((p, q) => p - q);
  return [...groups.values()];
}
