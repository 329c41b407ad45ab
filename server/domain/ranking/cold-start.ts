import { words } from './tokenize';
import { documentFields, type RankDocument } from './document';
import { seededRng, shuffled } from './random';

/**
 * The order before a model can be trained (no include or no exclude yet). With keywords
 * from the review question, records mentioning more of them come first; ties, and
 * everything when there are no keywords, fall in a random order fixed by `seed` so each
 * reviewer's queue is stable between page loads.
 */
export function coldStartOrder(
  docs: ReadonlyArray<{ id: number; doc: RankDocument }>,
  keywords: readonly string[],
  seed: number,
): number[] {
  const rng = seededRng(seed);
  const random = shuffled(docs, rng);
  const wanted = new Set(keywords.flatMap((k) => words(k, true)));
  if (wanted.size === 0) return random.map((d) => d.id);
  const hits = new Map<number, number>();
  for (const { id, doc } of random) {
    const present = new Set(documentFields(doc).flatMap((f) => words(f, true)));
    let n = 0;
    for (const w of wanted) if (present.has(w)) n++;
    hits.set(id, n);
  }
  // Array.prototype.sort is stable, so equal hit counts keep the shuffled order.
  return random.map((d) => d.id).sort((a, b) => (hits.get(b) as number) - (hits.get(a) as number));
}
