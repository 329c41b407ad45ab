/** Field similarities in [0, 1]. Each is cheap enough to run on every candidate pair. */

/**
 * 1 − edit distance / longer length, computed in a band so that clearly different strings
 * stop early (returns 0 when the ratio would fall below `floor`).
 */
export function levenshteinRatio(a: string, b: string, floor = 0.6): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const maxDistance = Math.floor(longer * (1 - floor));
  if (Math.abs(a.length - b.length) > maxDistance) return 0;
  if (histogramLowerBound(a, b) > maxDistance) return 0;
  const width = b.length + 1;
  if (rowA.length < width) {
    rowA = new Int32Array(width * 2);
    rowB = new Int32Array(width * 2);
  }
  let previous = rowA;
  let current = rowB;
  const outside = maxDistance + 1;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= maxDistance ? j : outside;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - maxDistance);
    const to = Math.min(b.length, i + maxDistance);
    current[from - 1] = from === 1 ? Math.min(i, outside) : outside;
    let rowMin = outside;
    const ch = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitute = previous[j - 1]! + (ch === b.charCodeAt(j - 1) ? 0 : 1);
      const remove = (j <= i - 1 + maxDistance ? previous[j]! : outside) + 1;
      const insert = current[j - 1]! + 1;
      let value = substitute < remove ? substitute : remove;
      if (insert < value) value = insert;
      if (value > outside) value = outside;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = outside;
    if (rowMin > maxDistance) return 0;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const distance = previous[b.length]!;
  return distance > maxDistance ? 0 : 1 - distance / longer;
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);
const histogram = new Int32Array(128);

/** Half the letter-count difference: no edit script can be shorter, so hopeless pairs stop here. */
function histogramLowerBound(a: string, b: string): number {
  histogram.fill(0);
  for (let i = 0; i < a.length; i++) histogram[a.charCodeAt(i) & 127]!++;
  for (let i = 0; i < b.length; i++) histogram[b.charCodeAt(i) & 127]!--;
  let total = 0;
  for (let i = 0; i < 128; i++) total += Math.abs(histogram[i]!);
  return Math.ceil(total / 2);
}

/** Dice overlap of the words of two normalised strings. */
export function wordOverlap(a: string, b: string): number {
  return wordOverlapOf(new Set(a.split(' ')), new Set(b.split(' ')));
}

export function wordOverlapOf(wa: Set<string>, wb: Set<string>): number {
  if (wa.size + wb.size === 0) return 0;
  let shared = 0;
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  for (const w of small) if (large.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/**
 * Title similarity: edit ratio of the normalised titles, or a prefix match when one database
 * abridged the title (kept below an exact match so it needs corroboration).
 */
export function titleSimilarity(a: string, b: string, knownOverlap?: number): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  // Below 0.7 the exact edit ratio no longer matters to any rule; word overlap tells how far apart.
  const overlap = knownOverlap ?? wordOverlap(a, b);
  // Titles sharing under half their words are never within 30 % edits of each other in practice.
  const ratio = (overlap >= 0.5 ? levenshteinRatio(a, b, 0.7) : 0) || 0.9 * overlap;
  const compactA = a.replace(/ /g, '');
  const compactB = b.replace(/ /g, '');
  if (compactA === compactB) return 1;
  const [short, long] = compactA.length <= compactB.length ? [compactA, compactB] : [compactB, compactA];
  // An abridged title or a dropped subtitle: the shorter is the start of the longer.
  const prefix = short.length >= 30 && long.startsWith(short) ? 0.9 : 0;
  return Math.max(ratio, prefix);
}

/**
 * "muli" vs "mulic" (a letter lost in export), "jammal" vs "jamal": one edit apart or a prefix.
 * One edit counts only when both names have five letters or more; both names are held to it, so
 * the answer does not depend on their order (author agreement compares lists either way round).
 */
export function nearlySameName(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1 || a[0] !== b[0]) return false;
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return (
    Math.min(a.length, b.length) >= 5 &&
    levenshteinRatio(a, b, 0.75) >= 1 - 1 / Math.max(a.length, b.length) - 1e-9
  );
}

const JOURNAL_FILLER = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'de', 'la', 'der', 'und', 'j']);

/**
 * Journal similarity that understands abbreviations: "Nat Rev Nephrol" matches
 * "Nature Reviews Nephrology" because each abbreviated word starts a word of the full title, in order.
 */
export function journalSimilarity(a: string, b: string): number | null {
  if (!a || !b) return null;
  if (a === b) return 1;
  // Ordinals and years say which meeting, not which series: "27th ECIS 2019" is ECIS.
  const wordsA = a.split(' ').filter((w) => !JOURNAL_FILLER.has(w) && !/^\d+(st|nd|rd|th)?$/.test(w));
  const wordsB = b.split(' ').filter((w) => !JOURNAL_FILLER.has(w) && !/^\d+(st|nd|rd|th)?$/.test(w));
  if (wordsA.length === 0 || wordsB.length === 0) return null;
  if (wordsA.join(' ') === wordsB.join(' ')) return 1;
  const [short, long] = wordsA.length <= wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  // "BMJ", "AMCIS", "JThoracCardiovascSurg": one word built from the starts of the other's words
  // ("Proceedings of the Annual …" is not part of a conference's acronym: HICSS).
  const acronymWords = short.filter((w) => w !== 'proceedings' && w !== 'proc');
  const expanded = long.filter((w) => w !== 'proceedings' && w !== 'proc' && w !== 'annual');
  if (acronymWords.length === 1 && expanded.length >= 2 && isAcronymOf(acronymWords[0]!, expanded))
    return 0.9;
  const abbreviation = Math.max(
    abbreviationScore(short, long),
    short.length === long.length ? abbreviationScore(long, short) : 0,
  );
  return abbreviation === 1 ? 0.9 : abbreviation * 0.8;
}

/** Share of the short name's words that abbreviate words of the long name, in order. */
function abbreviationScore(short: string[], long: string[]): number {
  let at = 0;
  let matched = 0;
  for (const word of short) {
    for (let k = at; k < long.length; k++) {
      const candidate = long[k]!;
      if (
        candidate.startsWith(word) ||
        (word.length >= 4 && word.startsWith(candidate)) ||
        isAbbreviationOf(word, candidate)
      ) {
        matched++;
        at = k + 1;
        break;
      }
    }
  }
  return short.length > 0 ? matched / short.length : 0;
}

/** Whether `word` is made of a non-empty prefix of each of `words` in order (some words may be skipped). */
function isAcronymOf(word: string, words: string[]): boolean {
  if (word.length < 3 || word.length > 40) return false;
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    if (i === word.length) return true;
    if (j >= words.length) return false;
    const key = `${i}:${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    const candidate = words[j]!;
    for (let k = 1; k <= candidate.length && i + k <= word.length && !result; k++) {
      if (word[i + k - 1] !== candidate[k - 1]) break;
      result = match(i + k, j + 1);
    }
    // Filler words ("of", "and", "the", "on") may be left out of an acronym.
    if (!result && (candidate.length <= 3 || i > 0)) result = candidate.length <= 3 && match(i, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0) && word[0] === words[0]![0];
}

/** "dtsch" abbreviates "deutsche": same first letter and its letters appear in order. */
function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length || short[0] !== long[0]) return false;
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

/** Jaccard similarity of two token sets (abstracts). */
export function setSimilarity(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 || b.size === 0) return null;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const token of small) if (large.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

/** 1 when two non-empty values are equal, 0 when they differ, null when one is missing. */
export function equalOrMissing(a: string, b: string): number | null {
  if (!a || !b) return null;
  return a === b ? 1 : 0;
}

/** Page agreement: 1 same first page, 0.5 touching ranges (488 vs 487-488), 0 different, null unknown. */
export function pageSimilarity(
  a: { start: string; end: string; articleNumber: boolean } | null,
  b: { start: string; end: string; articleNumber: boolean } | null,
): number | null {
  if (!a || !b) return null;
  if (a.start === b.start) return 1;
  // An article number against printed pages "1-6" says nothing either way.
  if (a.articleNumber !== b.articleNumber) return null;
  if (a.start === b.end || a.end === b.start || a.end === b.end) return 0.5;
  return 0;
}

/** Cochrane versions share a DOI stem: 10.1002/14651858.cd002273.pub2 and .pub3. */
export function sameDoiFamily(a: string, b: string): boolean {
  const stem = (doi: string): string => doi.replace(/\.pub\d+$/, '');
  return a !== b && stem(a) === stem(b);
}
