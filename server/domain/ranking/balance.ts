/**
 * How the few inclusions are weighed against the many exclusions when training. `double`
 * applies ASReview v1's double-balance proportions as weights; `double-resample` resamples the
 * training set as ASReview v1 does (resample.ts); `balanced` is ASReview v2's sample weight
 * with a ratio; `weighted` is scikit-learn's class_weight="balanced" (= `balanced`, ratio 1).
 */
export type BalanceStrategy = 'double' | 'double-resample' | 'balanced' | 'weighted' | 'none';

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
  /** For `balanced`: how many times lighter the exclusions weigh in total than the inclusions. */
  ratio = 1,
): ClassWeights {
  if (includes === 0 || excludes === 0 || strategy === 'none' || strategy === 'double-resample')
    return { include: 1, exclude: 1 };
  const total = includes + excludes;
  if (strategy === 'weighted') return balancedWeights(includes, excludes, 1);
  if (strategy === 'balanced') return balancedWeights(includes, excludes, ratio);
  const { a, alpha, b, beta } = params;
  const oneWeight = a * Math.pow(includes / excludes, -alpha);
  const zeroWeight = 1 - (1 - b) * Math.pow(1 + total, -beta);
  const totalWeight = oneWeight * includes + zeroWeight * excludes;
  // At least one inclusion slot and two exclusion slots, as ASReview enforces.
  const includeSlots = Math.max(1, Math.min(total - 2, (oneWeight * includes * total) / totalWeight));
  const excludeSlots = total - includeSlots;
  return { include: includeSlots / includes, exclude: excludeSlots / excludes };
}

/**
 * ASReview v2's "balanced" sample weights (asreview/models/balancers.py, class Balanced):
 * scikit-learn's compute_sample_weight({1: 1, 0: n1 / (ratio · n0)}), rescaled so the weights
 * sum to n. The exclusions together therefore weigh 1/ratio of the inclusions together; ELAS u4
 * uses ratio 9.8. Ratio 1 gives each class half the total (class_weight="balanced").
 */
export function balancedWeights(includes: number, excludes: number, ratio: number): ClassWeights {
  const exclude = includes / (ratio * excludes);
  const scale = (includes + excludes) / (includes + exclude * excludes);
  return { include: scale, exclude: exclude * scale };
}
