import type { ClassWeights } from './balance';
import type { LinearModel, TrainingExample } from './linear-model';
import type { SparseMatrix } from './sparse';

export interface LogisticOptions {
  /** Inverse regularisation strength, as scikit-learn's C (per unit of total weight). */
  c: number;
  iterations: number;
  /** Start from a previous model: after one more decision the optimum barely moves. */
  warmStart?: LinearModel;
}

/**
 * L2-regularised logistic regression with class weights, fitted by Nesterov-accelerated
 * gradient descent. Rows are L2-normalised TF-IDF, so the loss is 0.5-smooth (the intercept
 * adds one unit) and the fixed step 1/L needs no line search.
 */
export function fitLogistic(
  x: SparseMatrix,
  examples: readonly TrainingExample[],
  weights: ClassWeights,
  options: LogisticOptions,
): LinearModel {
  const cols = x.cols;
  let totalWeight = 0;
  for (const e of examples) totalWeight += e.label === 1 ? weights.include : weights.exclude;
  const lambda = 1 / (options.c * Math.max(totalWeight, 1));
  const step = 1 / (0.5 + lambda);

  const w = options.warmStart ? Float64Array.from(options.warmStart.coef) : new Float64Array(cols);
  let b = options.warmStart?.intercept ?? 0;
  const prevW = Float64Array.from(w);
  let prevB = b;
  const yW = Float64Array.from(w);
  let yB = b;
  const grad = new Float64Array(cols);
  // Only columns some training row touches move (plus shrinkage everywhere, applied lazily below).
  const touched = touchedColumns(x, examples);

  for (let it = 1; it <= options.iterations; it++) {
    for (const j of touched) grad[j] = 0;
    let gradB = 0;
    for (const e of examples) {
      let z = yB;
      const end = x.indptr[e.row + 1] as number;
      for (let k = x.indptr[e.row] as number; k < end; k++)
        z += (x.data[k] as number) * (yW[x.indices[k] as number] as number);
      const target = e.label;
      const p = 1 / (1 + Math.exp(-z));
      const g = ((e.label === 1 ? weights.include : weights.exclude) * (p - target)) / totalWeight;
      gradB += g;
      for (let k = x.indptr[e.row] as number; k < end; k++) {
        const j = x.indices[k] as number;
        grad[j] = (grad[j] as number) + g * (x.data[k] as number);
      }
    }
    const momentum = (it - 1) / (it + 2);
    for (const j of touched) {
      const next = (yW[j] as number) - step * ((grad[j] as number) + lambda * (yW[j] as number));
      yW[j] = next + momentum * (next - (prevW[j] as number));
      prevW[j] = next;
      w[j] = next;
    }
    const nextB = yB - step * gradB;
    yB = nextB + momentum * (nextB - prevB);
    prevB = nextB;
    b = nextB;
  }
  // Columns no training row contains get only the L2 pull towards zero.
  if (options.warmStart) {
    const untouched = new Uint8Array(cols).fill(1);
    for (const j of touched) untouched[j] = 0;
    const shrink = Math.pow(1 - step * lambda, options.iterations);
    for (let j = 0; j < cols; j++) if (untouched[j]) w[j] = (w[j] as number) * shrink;
  }
  return { coef: w, intercept: b };
}

function touchedColumns(x: SparseMatrix, examples: readonly TrainingExample[]): Int32Array {
  const seen = new Uint8Array(x.cols);
  const out: number[] = [];
  for (const e of examples) {
    const end = x.indptr[e.row + 1] as number;
    for (let k = x.indptr[e.row] as number; k < end; k++) {
      const j = x.indices[k] as number;
      if (!seen[j]) {
        seen[j] = 1;
        out.push(j);
      }
    }
  }
  return Int32Array.from(out);
}
