import { classWeights, DOUBLE_BALANCE, type BalanceStrategy, type DoubleBalanceParams } from './balance';
import type { LinearModel, TrainingExample } from './linearModel';
import { fitLogistic } from './logistic';
import { addExample, emptyCounts, fitNaiveBayes, type NaiveBayesCounts } from './naiveBayes';
import type { SparseMatrix } from './sparse';
import type { TfidfOptions } from './tfidf';

export type ClassifierKind = 'nb' | 'lr';

/** Everything that decides a ranking model; stored with the scores as model_version. */
export interface RankerConfig {
  classifier: ClassifierKind;
  tfidf: TfidfOptions;
  balance: BalanceStrategy;
  doubleBalance: DoubleBalanceParams;
  /** Naive Bayes smoothing. */
  nbAlpha: number;
  /** Logistic regression inverse regularisation and gradient steps per retrain. */
  lrC: number;
  lrIterations: number;
}

/** ASReview LAB's default model (NB, alpha 3.822, unigram TF-IDF, double balance): the reference. */
export const ASREVIEW_NB: RankerConfig = {
  classifier: 'nb',
  tfidf: { ngramMax: 1, stopWords: true, minDf: 1, sublinearTf: false },
  balance: 'double',
  doubleBalance: DOUBLE_BALANCE,
  nbAlpha: 3.822,
  lrC: 1,
  lrIterations: 100,
};

/**
 * Sift's default, chosen on the benchmark (docs/benchmarks.md, docs/notes/ranking.md): naive
 * Bayes over words and word pairs seen in at least three records, damped term frequency
 * (1 + ln tf), stop words kept (dropping them cost 5–13 WSS points on nudging and the software
 * set: "not", "without", "more" carry meaning in inclusion criteria) and lighter smoothing.
 */
export const SIFT_NB: RankerConfig = {
  ...ASREVIEW_NB,
  tfidf: { ngramMax: 2, stopWords: false, minDf: 3, sublinearTf: true },
  nbAlpha: 1,
};

/** Logistic regression on the same features, with balanced class weights. */
export const SIFT_LR: RankerConfig = {
  ...SIFT_NB,
  classifier: 'lr',
  balance: 'weighted',
  lrC: 20,
  lrIterations: 60,
};

/** The model behind `--model nb|lr` and the project service. */
export function configFor(kind: ClassifierKind): RankerConfig {
  return kind === 'lr' ? SIFT_LR : SIFT_NB;
}

/** A short stable name for a configuration, stored beside every score. */
export function modelVersion(config: RankerConfig): string {
  const t = config.tfidf;
  const params = config.classifier === 'nb' ? `a${config.nbAlpha}` : `c${config.lrC}i${config.lrIterations}`;
  return `${config.classifier}-${params}-${config.balance}-ng${t.ngramMax}df${t.minDf}${t.sublinearTf ? 's' : ''}${t.stopWords ? 'w' : ''}`;
}

/**
 * A model that learns decision by decision. Naive Bayes keeps running class sums, so a
 * retrain after one more decision is one pass over the vocabulary; logistic regression
 * starts from its previous fit.
 */
export class Learner {
  private readonly counts: NaiveBayesCounts;
  private readonly examples: TrainingExample[] = [];
  private last: LinearModel | undefined;

  constructor(
    private readonly x: SparseMatrix,
    private readonly config: RankerConfig,
  ) {
    this.counts = emptyCounts(x.cols);
  }

  get includes(): number {
    return this.counts.includes;
  }

  get excludes(): number {
    return this.counts.excludes;
  }

  /** Whether both classes have been seen, so a model can be trained at all. */
  get canTrain(): boolean {
    return this.counts.includes > 0 && this.counts.excludes > 0;
  }

  add(example: TrainingExample): void {
    addExample(this.counts, this.x, example);
    this.examples.push(example);
  }

  fit(): LinearModel {
    if (!this.canTrain) throw new RangeError('a ranking model needs at least one include and one exclude');
    const weights = classWeights(
      this.counts.includes,
      this.counts.excludes,
      this.config.balance,
      this.config.doubleBalance,
    );
    this.last =
      this.config.classifier === 'nb'
        ? fitNaiveBayes(this.counts, weights, this.config.nbAlpha)
        : fitLogistic(this.x, this.examples, weights, {
            c: this.config.lrC,
            iterations: this.config.lrIterations,
            warmStart: this.last,
          });
    return this.last;
  }
}

/** Trains once on a full set of decisions. */
export function train(
  x: SparseMatrix,
  examples: readonly TrainingExample[],
  config: RankerConfig,
): LinearModel {
  const learner = new Learner(x, config);
  for (const e of examples) learner.add(e);
  return learner.fit();
}
