import type { MatchFeatures } from './features';

/** Blocks larger than this are too generic to say anything (e.g. a title prefix "the effect of"). */
export const MAX_BLOCK_SIZE = 60;

/**
 * The keys a record is filed under; two records are compared only when they share a key, which
 * keeps the work near-linear. Several independent keys mean one typo or missing field cannot
 * hide a duplicate: title start, title end, distinctive title words, identifiers, and
 * author + page for records without a usable title.
 */
export function blockingKeys(f: MatchFeatures): string[] {
  const keys: string[] = [];
  if (f.doi) keys.push(`d:${f.doi}`);
  if (f.pmid) keys.push(`p:${f.pmid}`);
  for (const title of [f.title, ...f.titleVariants]) {
    const compact = title.replace(/ /g, '');
    if (compact.length >= 10) {
      keys.push(`t:${compact.slice(0, 24)}`);
      keys.push(`e:${compact.slice(-24)}`);
    }
    const distinctive = title
      .split(' ')
      .filter((w) => w.length >= 4)
      .sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
      .slice(0, 3);
    if (distinctive.length >= 2) keys.push(`w:${distinctive.sort().join(' ')}`);
  }
  if (f.firstAuthor && f.firstPage) keys.push(`a:${f.firstAuthor}|${f.firstPage}`);
  // Year, volume and first page locate an article even when title and journal were translated.
  if (f.volume && f.firstPage && f.year) keys.push(`v:${f.year}|${f.volume}|${f.firstPage}`);
  return [...new Set(keys)];
}

/**
 * Candidate pairs [smaller id, larger id] from shared blocking keys. When `onlyWith` is given
 * (an incremental run), a pair is kept only if at least one side is in it.
 */
export function candidatePairs(features: MatchFeatures[], onlyWith?: Set<number>): [number, number][] {
  const blocks = new Map<string, number[]>();
  features.forEach((f, index) => {
    for (const key of blockingKeys(f)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = features.length;
  for (const [key, block] of blocks) {
    if (block.length < 2) continue;
    // Identifier blocks are never too generic; others are skipped when they are.
    if (block.length > MAX_BLOCK_SIZE && !key.startsWith('d:') && !key.startsWith('p:')) continue;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const x = block[i]!;
        const y = block[j]!;
        const lo = Math.min(x, y);
        const hi = Math.max(x, y);
        const code = lo * n + hi;
        if (seen.has(code)) continue;
        seen.add(code);
        if (onlyWith && !onlyWith.has(features[lo]!.id) && !onlyWith.has(features[hi]!.id)) continue;
        pairs.push([lo, hi]);
      }
    }
  }
  return pairs;
}
