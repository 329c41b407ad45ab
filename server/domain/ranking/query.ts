import { logOdds, type LinearModel } from './linear-model';
import type { SparseMatrix } from './sparse';

/** Log-odds of inclusion for the given rows. */
export function scoreRows(model: LinearModel, x: SparseMatrix, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    out[i] = logOdds(model, x, row);
  });
  return out;
}

/**
 * Max-relevance query (ASReview's "max"): the rows in order of decreasing score, ties broken
 * by the row order given so the ranking is deterministic.
 */
export function maxRelevanceOrder(rows: readonly number[], scores: ArrayLike<number>): number[] {
  const idx = rows.map((_, i) => i);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return idx.map((i) => rows[i] as number);
}

/** The `count` highest-scoring rows, best first (a partial selection, cheaper than a sort). */
export function topRows(rows: readonly number[], scores: ArrayLike<number>, count: number): number[] {
  if (count === 1) {
    let best = -1;
    for (let i = 0; i < rows.length; i++)
      if (best < 0 || (scores[i] as number) > (scores[best] as number)) best = i;
    return best < 0 ? [] : [rows[best] as number];
  }
  return maxRelevanceOrder(rows, scores).slice(0, count);
}
