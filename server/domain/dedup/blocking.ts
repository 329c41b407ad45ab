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
  // A title cut at its subtitle meets the full title through their shared start (the t: key above);
  // a main title of 20–23 letters is too short for that key, so it gets its own.
  for (const main of [f.title, ...f.mainTitles]) {
    const compact = main.replace(/ /g, '');
    if (compact.length >= 20 && compact.length < 24) keys.push(`m:${compact}`);
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
  const keysOf: string[][] = features.map((f, index) => {
    const keys = blockingKeys(f);
    for (const key of keys) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
    return keys;
  });
  // For each record, walk its blocks once; `lastSeenBy[j] === i` marks j as already paired with i.
  const lastSeenBy = new Int32Array(features.length).fill(-1);
  const pairs: [number, number][] = [];
  for (let i = 0; i < features.length; i++) {
    const iIsNew = !onlyWith || onlyWith.has(features[i]!.id);
    for (const key of keysOf[i]!) {
      const block = blocks.get(key)!;
      if (block.length < 2) continue;
      // Identifier blocks are never too generic; others are skipped when they are.
      if (block.length > MAX_BLOCK_SIZE && !key.startsWith('d:') && !key.startsWith('p:')) continue;
      for (const j of block) {
        if (j <= i || lastSeenBy[j] === i) continue;
        lastSeenBy[j] = i;
        if (!iIsNew && !onlyWith!.has(features[j]!.id)) continue;
        pairs.push([i, j]);
      }
    }
  }
  return pairs;
}
