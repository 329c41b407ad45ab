/**
 * How the few inclusions are weighed against the many exclusions when training. `double`
 * applies ASReview's double-balance proportions as weights; `double-resample` resamples the
 * training set as ASReview does (resample.ts).
 */
export type BalanceStrategy = 'double' | 'double-resample' | 'weighted' | 'none';

export interface ClassWeights {
  include: number;
  exclude: number;
}

/**
 * ASReview's "double" balance constants (a, alpha, b, beta) as shipped in its defaults.
 * ASReview resamples the training set: inclusions repeated, exclusions subsampled, total
 * size unchanged. We apply the same proportions as per-example weights, which is what the
 * resampling does in expectation and keeps every run deterministic.
 */
export interface DoubleBalanceParams {
  a: number;
  alpha: number;
  b: number;
  beta: number;
}

export const DOUBLE_BALANCE: DoubleBalanceParams = { a: 2.155, alpha: 0.94, b: 0.789, beta: 1.0 };

/** Per-example weights for inclusions and exclusions given the labelled counts. */
export function classWeights(
  includes: number,
  excludes: number,
  strategy: BalanceStrategy,
  params: DoubleBalanceParams = DOUBLE_BALANCE,
): ClassWeights {
  if (includes === 0 || excludes === 0 || strategy === 'none' || strategy === 'double-resample')
    return { include: 1, exclude: 1 };
  const total = includes + excludes;
  if (strategy === 'weighted') {
    // sklearn's class_weight="balanced": each class carries half the total weight.
    return { include: total / (2 * includes), exclude: total / (2 * excludes) };
  }
  const { a, alpha, b, beta } = params;
  const oneWeight = a * Math.pow(includes / excludes, -alpha);
  const zeroWeight = 1 - (1 - b) * Math.pow(1 + total, -beta);
  const totalWeight = oneWeight * includes + zeroWeight * excludes;
  // At least one inclusion slot and two exclusion slots, as ASReview enforces.
  const includeSlots = Math.max(1, Math.min(total - 2, (oneWeight * includes * total) / totalWeight));
  const excludeSlots = total - includeSlots;
  return { include: includeSlots / includes, exclude: excludeSlots / excludes };
}
