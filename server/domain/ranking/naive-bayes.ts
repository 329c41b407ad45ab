import { addRow, type SparseMatrix } from './sparse';
import type { ClassWeights } from './balance';
import type { LinearModel, TrainingExample } from './linear-model';

/**
 * Per-class feature sums kept between retrains: a screening decision adds one row, so
 * retraining naive Bayes after each decision costs one pass over the vocabulary.
 */
export interface NaiveBayesCounts {
  includeSum: Float64Array;
  excludeSum: Float64Array;
  includes: number;
  excludes: number;
}

/** Empty counts for a feature space of `cols` columns. */
export function emptyCounts(cols: number): NaiveBayesCounts {
  return { includeSum: new Float64Array(cols), excludeSum: new Float64Array(cols), includes: 0, excludes: 0 };
}

/** Adds one labelled row to the counts. */
export function addExample(counts: NaiveBayesCounts, x: SparseMatrix, example: TrainingExample): void {
  if (example.label === 1) {
    addRow(x, example.row, 1, counts.includeSum);
    counts.includes++;
  } else {
    addRow(x, example.row, 1, counts.excludeSum);
    counts.excludes++;
  }
}

/** Counts for a whole training set. */
export function countExamples(x: SparseMatrix, examples: readonly TrainingExample[]): NaiveBayesCounts {
  const counts = emptyCounts(x.cols);
  for (const e of examples) addExample(counts, x, e);
  return counts;
}

/**
 * Multinomial naive Bayes (scikit-learn's MultinomialNB with Lidstone smoothing `alpha`)
 * on class-weighted counts, returned as its log-odds linear form.
 */
export function fitNaiveBayes(
  counts: NaiveBayesCounts,
  weights: ClassWeights,
  alpha: number,
  /** Read only the columns from here on (an ensemble's second feature block); the rest get 0. */
  from = 0,
): LinearModel {
  const cols = counts.includeSum.length;
  let includeTotal = 0;
  let excludeTotal = 0;
  for (let j = from; j < cols; j++) {
    includeTotal += weights.include * (counts.includeSum[j] as number) + alpha;
    excludeTotal += weights.exclude * (counts.excludeSum[j] as number) + alpha;
  }
  const coef = new Float64Array(cols);
  const logRatio = Math.log(excludeTotal) - Math.log(includeTotal);
  for (let j = from; j < cols; j++) {
    const inc = weights.include * (counts.includeSum[j] as number) + alpha;
    const exc = weights.exclude * (counts.excludeSum[j] as number) + alpha;
    coef[j] = Math.log(inc / exc) + logRatio;
  }
  const includeMass = weights.include * counts.includes;
  const excludeMass = weights.exclude * counts.excludes;
  const intercept = includeMass > 0 && excludeMass > 0 ? Math.log(includeMass / excludeMass) : 0;
  return { coef, intercept };
}
