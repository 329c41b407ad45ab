import type { ClassWeights } from './balance';
import type { LinearModel, TrainingExample } from './linear-model';
import type { Rng } from './random';
import type { SparseMatrix } from './sparse';

export interface LinearSvcOptions {
  /** scikit-learn's C; each example's cost is C times its sample weight. */
  c: number;
  /** Stop when the projected-gradient spread is below this (scikit-learn's tol, 1e-4). */
  tol: number;
  /** Outer passes at most (scikit-learn's max_iter, 1000). */
  maxIter: number;
  /** Drives the order of the coordinates in each pass (liblinear shuffles them). */
  rng: Rng;
  /** Dual variables per example (same order as `examples`, missing ones start at 0). */
  warmStart?: Float64Array;
}

export interface LinearSvcFit extends LinearModel {
  /** The dual solution, to warm-start the next fit after more decisions. */
  alpha: Float64Array;
  iterations: number;
}

/**
 * scikit-learn's LinearSVC(loss="squared_hinge", penalty="l2", dual=True, fit_intercept=True,
 * intercept_scaling=1): liblinear's dual coordinate descent for the L2-loss SVM (Hsieh et al.
 * 2008; solve_l2r_l1l2_svc in scikit-learn's linear.cpp) with per-example costs
 * C_i = C · weight_i, shrinking, and the intercept learnt as the weight of a constant feature 1
 * — so, as in liblinear, the intercept is regularised too. The decision function is w·x + b.
 */
export function fitLinearSvc(
  x: SparseMatrix,
  examples: readonly TrainingExample[],
  weights: ClassWeights,
  options: LinearSvcOptions,
): LinearSvcFit {
  const l = examples.length;
  const w = new Float64Array(x.cols);
  let b = 0;
  const alpha = new Float64Array(l);
  const y = new Int8Array(l);
  const diag = new Float64Array(l);
  const qd = new Float64Array(l);
  const index = new Int32Array(l);
  const { indptr, indices, data } = x;
  // With two feature blocks the SVM reads the first only: each row's end within it.
  const rowEnd = (row: number): number => {
    const end = indptr[row + 1] as number;
    if (x.secondBlock === undefined) return end;
    let k = indptr[row] as number;
    while (k < end && (indices[k] as number) < x.secondBlock) k++;
    return k;
  };
  const ends = new Int32Array(l);

  for (let i = 0; i < l; i++) {
    const e = examples[i] as TrainingExample;
    y[i] = e.label === 1 ? 1 : -1;
    diag[i] = 0.5 / (options.c * (e.label === 1 ? weights.include : weights.exclude));
    let sq = 1; // the constant intercept feature
    const end = rowEnd(e.row);
    ends[i] = end;
    for (let k = indptr[e.row] as number; k < end; k++) sq += (data[k] as number) ** 2;
    qd[i] = (diag[i] as number) + sq;
    index[i] = i;
    const start = options.warmStart?.[i] ?? 0;
    if (start > 0) {
      alpha[i] = start;
      const d = start * (y[i] as number);
      for (let k = indptr[e.row] as number; k < end; k++) {
        const j = indices[k] as number;
        w[j] = (w[j] as number) + d * (data[k] as number);
      }
      b += d;
    }
  }

  let activeSize = l;
  let pgMaxOld = Infinity;
  let iter = 0;
  while (iter < options.maxIter) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let i = 0; i < activeSize; i++) {
      const j = i + Math.floor(options.rng() * (activeSize - i));
      const t = index[i] as number;
      index[i] = index[j] as number;
      index[j] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s] as number;
      const row = (examples[i] as TrainingExample).row;
      const yi = y[i] as number;
      const start = indptr[row] as number;
      const end = ends[i] as number;
      let dot = b;
      for (let k = start; k < end; k++) dot += (w[indices[k] as number] as number) * (data[k] as number);
      const g = yi * dot - 1 + (alpha[i] as number) * (diag[i] as number);
      let pg = 0;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Shrink: this example sits at its bound and is likely to stay there.
          activeSize--;
          index[s] = index[activeSize] as number;
          index[activeSize] = i;
          s--;
          continue;
        } else if (g < 0) pg = g;
      } else pg = g; // the L2-loss dual has no upper bound, so liblinear's alpha = C branch never applies
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i] as number;
        const next = Math.max(old - g / (qd[i] as number), 0);
        alpha[i] = next;
        const d = (next - old) * yi;
        for (let k = start; k < end; k++) {
          const j = indices[k] as number;
          w[j] = (w[j] as number) + d * (data[k] as number);
        }
        b += d;
      }
    }
    iter++;
    if (pgMaxNew - pgMinNew <= options.tol) {
      if (activeSize === l) break;
      activeSize = l;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
  }
  return { coef: w, intercept: b, alpha, iterations: iter };
}
