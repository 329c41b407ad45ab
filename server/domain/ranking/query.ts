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
