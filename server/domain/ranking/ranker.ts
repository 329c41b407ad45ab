import {
  classWeights,
  DOUBLE_BALANCE,
  type BalanceStrategy,
  type ClassWeights,
  type DoubleBalanceParams,
} from './balance';
import type { LinearModel, TrainingExample } from './linear-model';
import { fitLinearSvc } from './linear-svc';
import { fitLogistic } from './logistic';
import { addExample, countExamples, emptyCounts, fitNaiveBayes, type NaiveBayesCounts } from './naive-bayes';
import { seededRng, type Rng } from './random';
import { doubleResample } from './resample';
import { rowDot, type SparseMatrix } from './sparse';
import type { TfidfOptions } from './tfidf';

/** `svm+nb` ranks by the SVM's and naive Bayes' scores, each scaled to unit spread, summed. */
export type ClassifierKind = 'nb' | 'lr' | 'svm' | 'svm+nb';

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
  /** Linear SVM (scikit-learn's LinearSVC): C, and whether a retrain starts from the last dual solution. */
  svmC: number;
  svmWarmStart: boolean;
  /** For balance `balanced`: the exclusions together weigh 1/ratio of the inclusions together. */
  balancedRatio: number;
  /** For `svm+nb`: naive Bayes' share beside the SVM's (its own balance is `double`). */
  nbWeight: number;
  /** For `svm+nb`: naive Bayes reads these features (a second block) instead of the SVM's. */
  nbTfidf?: TfidfOptions;
  /**
   * For `svm`: after this many excludes in a row (0 = never) the ranking switches to the
   * `svm+nb` ensemble until the next include: when the SVM stops finding anything, a second
   * view of the records (naive Bayes, its own features) looks elsewhere.
   */
  stallExcludes?: number;
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
  svmC: 1,
  svmWarmStart: false,
  balancedRatio: 1,
  nbWeight: 0,
};

/**
 * ELAS u4, the default model of ASReview LAB v2 (asreview/models/models.py,
 * AI_MODEL_CONFIGURATIONS): TF-IDF over title + abstract with 1–2-grams, sublinear tf,
 * min_df 1, max_df 0.95 (scikit-learn's defaults otherwise: lower-case, no stop words, smooth
 * idf, L2 rows); LinearSVC with squared hinge, C 0.11 (defaults otherwise: L2, intercept as
 * a regularised constant feature, tol 1e-4, max_iter 1000, dual coordinate descent); balanced
 * sample weights with ratio 9.8; max query on the decision function. Each retrain starts from
 * scratch, as scikit-learn's fit() does.
 */
export const ELAS_U4: RankerConfig = {
  ...ASREVIEW_NB,
  classifier: 'svm',
  tfidf: { text: 'asreview', ngramMax: 2, stopWords: false, minDf: 1, maxDf: 0.95, sublinearTf: true },
  balance: 'balanced',
  balancedRatio: 9.8,
  svmC: 0.11,
};

/** scikit-learn's LinearSVC defaults that ELAS u4 keeps. */
export const SVM_TOL = 1e-4;
export const SVM_MAX_ITER = 1000;

/**
 * ASReview v1 as it actually trains: the same model, but the double balance RESAMPLES the
 * decisions (inclusions copied, exclusions subsampled, seeded) before every retrain, and the
 * exclusion weight uses 1 + ln(n). TF-IDF as ASReview's Tfidf: unigrams, English stop words
 * removed (its default stop_words="english"), raw tf, smooth idf, L2 rows.
 */
export const ASREVIEW_NB_EXACT: RankerConfig = { ...ASREVIEW_NB, balance: 'double-resample' };

/**
 * The configuration behind ASReview's published nudging figures (Ferdinands et al. 2023; its
 * thesis repository's results/statistics/BCTD/nudging/all.json, ASReview 0.9.3): hyper-parameters
 * tuned ON the nudging set itself — NB α 0.0659, 1- to 3-grams with keywords, stop words kept,
 * double balance a 1.378, α 1.229, b 0.915, β 1, resampled. Not a general default; it shows
 * what the published number measures.
 */
export const ASREVIEW_NB_TUNED_NUDGING: RankerConfig = {
  ...ASREVIEW_NB,
  tfidf: { ngramMax: 3, stopWords: false, minDf: 1, sublinearTf: false },
  balance: 'double-resample',
  doubleBalance: { a: 1.3783791240515941, alpha: 1.229374068496514, b: 0.9153629982662178, beta: 1 },
  nbAlpha: 0.06586028856339346,
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

/**
 * Sift's default: ELAS u4 itself — the same exact TF-IDF (scikit-learn's, title + abstract),
 * the same SVM fitted from scratch at every retrain with the same random coordinate order —
 * so until the rule below fires its ranking is ELAS u4's, bit for bit, on any set. The one
 * addition, chosen by leave-one-dataset-out search (scripts/bench/ranking-search.ts,
 * docs/notes/ranking.md): after 150 excludes in a row it ranks by the SVM plus naive Bayes on
 * Sift's naive-Bayes features (word pairs within a field, seen in ≥ 3 records) until the next
 * include. (It used to read Sift's hashed TF-IDF, whose merged buckets moved the order off
 * ELAS u4's within the first 2–74 decisions, and to warm-start the SVM, which once in 14 runs
 * did so too: docs/notes/ranking.md, "Why the default is ELAS u4 itself".) The service fits
 * from scratch at every retrain anyway.
 */
export const SIFT_DEFAULT: RankerConfig = {
  ...ELAS_U4,
  nbTfidf: SIFT_NB.tfidf,
  nbAlpha: 1,
  nbWeight: 1,
  stallExcludes: 150,
};

/** The models a project (settings `model`) or `sift simulate --model` can choose. */
export type ModelName = 'sift' | 'nb' | 'lr';
export const MODEL_NAMES: readonly ModelName[] = ['sift', 'nb', 'lr'];

/** The configuration behind a model name: `sift` is the default. */
export function configFor(name: ModelName): RankerConfig {
  return name === 'lr' ? SIFT_LR : name === 'nb' ? SIFT_NB : SIFT_DEFAULT;
}

function featureName(t: TfidfOptions): string {
  return (
    `ng${t.ngramMax}df${t.minDf}${t.sublinearTf ? 's' : ''}${t.stopWords ? 'w' : ''}` +
    `${t.maxDf !== undefined && t.maxDf < 1 ? `max${t.maxDf}` : ''}` +
    `${t.text === 'asreview' ? '-ta' : t.text === 'merged' ? '-tm' : ''}` +
    `${t.titleWeight !== undefined && t.titleWeight !== 1 ? `-t${t.titleWeight}` : ''}`
  );
}

/** A short stable name for a configuration, stored beside every score. */
export function modelVersion(config: RankerConfig): string {
  const t = config.tfidf;
  const params =
    config.classifier === 'nb'
      ? `a${config.nbAlpha}`
      : config.classifier === 'svm'
        ? `c${config.svmC}`
        : config.classifier === 'svm+nb'
          ? `c${config.svmC}a${config.nbAlpha}w${config.nbWeight}${config.nbTfidf ? `-nb${featureName(config.nbTfidf)}` : ''}`
          : `c${config.lrC}i${config.lrIterations}`;
  const balance = config.balance === 'balanced' ? `balanced${config.balancedRatio}` : config.balance;
  const stall = config.stallExcludes
    ? `-stall${config.stallExcludes}a${config.nbAlpha}w${config.nbWeight}${config.nbTfidf ? `-nb${featureName(config.nbTfidf)}` : ''}`
    : '';
  return `${config.classifier}-${params}${stall}-${balance}-${featureName(t)}`;
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
  /** Dual solution of the last SVM fit, per example in `examples` order. */
  private alpha: Float64Array | undefined;
  /** Excludes since the last include, in the order the decisions were added. */
  private streak = 0;
  private readonly rng: Rng;

  /** `seed` drives the resampling of `double-resample`; other strategies are deterministic. */
  constructor(
    private readonly x: SparseMatrix,
    private readonly config: RankerConfig,
    seed = 0,
  ) {
    this.counts = emptyCounts(x.cols);
    this.rng = seededRng(seed);
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
    this.streak = example.label === 1 ? 0 : this.streak + 1;
  }

  /** Whether the `svm` ranking has stalled long enough to switch to the ensemble. */
  get stalled(): boolean {
    const after = this.config.stallExcludes ?? 0;
    return after > 0 && this.streak >= after;
  }

  fit(): LinearModel {
    if (!this.canTrain) throw new RangeError('a ranking model needs at least one include and one exclude');
    if (this.config.balance === 'double-resample') return this.fitResampled();
    const weights = classWeights(
      this.counts.includes,
      this.counts.excludes,
      this.config.balance,
      this.config.doubleBalance,
      this.config.balancedRatio,
    );
    if (this.config.classifier === 'svm+nb' || (this.config.classifier === 'svm' && this.stalled))
      return this.fitEnsemble(weights);
    if (this.config.classifier === 'svm')
      return this.fitSvm(this.examples, weights, this.config.svmWarmStart);
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

  /**
   * SVM decision values and naive Bayes log-odds live on different scales; each model is
   * divided by the spread (sd) of its scores over all records before they are added, so the
   * sum stays one linear model.
   */
  private fitEnsemble(weights: ClassWeights): LinearModel {
    const svm = this.fitSvm(this.examples, weights, this.config.svmWarmStart);
    const nbWeights = classWeights(this.counts.includes, this.counts.excludes, 'double');
    const nb = fitNaiveBayes(this.counts, nbWeights, this.config.nbAlpha, this.x.secondBlock ?? 0);
    const a = 1 / scoreSpread(this.x, svm);
    const b = this.config.nbWeight / scoreSpread(this.x, nb);
    const coef = new Float64Array(svm.coef.length);
    for (let j = 0; j < coef.length; j++) coef[j] = a * (svm.coef[j] as number) + b * (nb.coef[j] as number);
    this.last = { coef, intercept: a * svm.intercept + b * nb.intercept };
    return this.last;
  }

  /** A warm start needs the same examples in the same order as the last fit, plus new ones. */
  private fitSvm(examples: readonly TrainingExample[], weights: ClassWeights, warm: boolean): LinearModel {
    const fit = fitLinearSvc(this.x, examples, weights, {
      c: this.config.svmC,
      tol: SVM_TOL,
      maxIter: SVM_MAX_ITER,
      rng: this.rng,
      warmStart: warm ? this.alpha : undefined,
    });
    this.alpha = fit.alpha;
    this.last = fit;
    return fit;
  }

  /** ASReview's way: a fresh resample of all decisions, trained unweighted, every retrain. */
  private fitResampled(): LinearModel {
    const sample = doubleResample(this.examples, this.config.doubleBalance, this.rng);
    const even = { include: 1, exclude: 1 };
    if (this.config.classifier === 'svm+nb') throw new RangeError('the svm+nb ensemble does not resample');
    if (this.config.classifier === 'svm') return this.fitSvm(sample, even, false);
    this.last =
      this.config.classifier === 'nb'
        ? fitNaiveBayes(countExamples(this.x, sample), even, this.config.nbAlpha)
        : fitLogistic(this.x, sample, even, {
            c: this.config.lrC,
            iterations: this.config.lrIterations,
            warmStart: this.last,
          });
    return this.last;
  }
}

/** Standard deviation of a model's scores over every row (1 when they are all equal). */
function scoreSpread(x: SparseMatrix, model: LinearModel): number {
  let sum = 0;
  let sq = 0;
  for (let r = 0; r < x.rows; r++) {
    const v = rowDot(x, r, model.coef);
    sum += v;
    sq += v * v;
  }
  const mean = sum / x.rows;
  const sd = Math.sqrt(Math.max(0, sq / x.rows - mean * mean));
  return sd > 0 ? sd : 1;
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
