import { rowDot, type SparseMatrix } from './sparse';

/**
 * Every classifier here ends as a linear score w·x + b whose logistic is P(include):
 * naive Bayes as its log-odds, logistic regression directly. Ranking needs only the order.
 */
export interface LinearModel {
  coef: Float64Array;
  intercept: number;
}

/** One labelled row of the feature matrix with its training weight. */
export interface TrainingExample {
  row: number;
  label: 0 | 1;
}

/** Log-odds of inclusion for one row. */
export function logOdds(model: LinearModel, x: SparseMatrix, row: number): number {
  return rowDot(x, row, model.coef) + model.intercept;
}

/** Probability of inclusion for one row. */
export function probability(model: LinearModel, x: SparseMatrix, row: number): number {
  return 1 / (1 + Math.exp(-logOdds(model, x, row)));
}
