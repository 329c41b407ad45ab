import type { RankDocument } from './document';
import { logOdds } from './linear-model';
import { atdAsreview, rrfAsreview, wssAsreview } from './asreview-metrics';
import { atd, recallCurve, rrf, wss, wssOfMeanCurve, type LabelSequence } from './metrics';
import { pick, seededRng } from './random';
import { Learner, type RankerConfig } from './ranker';
import type { SparseMatrix } from './sparse';
import { buildFeatures } from './features';

/** A fully labelled set of records, as in ASReview's benchmark datasets. */
export interface LabelledDataset {
  docs: RankDocument[];
  labels: Array<0 | 1>;
}

/**
 * When the model is retrained. `every` retrains after each decision, as ASReview simulates
 * with n_instances = 1. `fraction` screens the top max(1, ⌊f · labelled⌋) records of one model
 * before retraining: a team screens several records while a retrain runs in the background.
 */
export type RetrainSchedule = { kind: 'every' } | { kind: 'fraction'; fraction: number };

/**
 * Naive Bayes and the SVM retrain after every decision (as ASReview simulates); logistic
 * regression runs gradient descent over all decisions, so it retrains after each 5 % batch.
 */
export function defaultSchedule(config: RankerConfig): RetrainSchedule {
  return config.classifier === 'lr' ? { kind: 'fraction', fraction: 0.05 } : { kind: 'every' };
}

export interface SimulationRun {
  seed: number;
  priorInclude: number;
  priorExclude: number;
  /** Labels in screening order after the two priors, covering all N − 2 other records. */
  labels: Array<0 | 1>;
  retrains: number;
}

/**
 * One ASReview-protocol simulation: one random prior inclusion and one random prior exclusion
 * (from `seed`), then screen in model order, retraining as `schedule` says. Once every
 * relevant record is found the rest of the order cannot change any metric, so the run stops
 * there and the remaining records count as excludes.
 */
export function simulateRun(
  x: SparseMatrix,
  labels: ReadonlyArray<0 | 1>,
  config: RankerConfig,
  seed: number,
  schedule: RetrainSchedule = { kind: 'every' },
): SimulationRun {
  const includes: number[] = [];
  const excludes: number[] = [];
  labels.forEach((l, i) => (l === 1 ? includes : excludes).push(i));
  if (includes.length < 2 || excludes.length < 1) {
    throw new RangeError('a simulation needs at least two relevant records and one irrelevant record');
  }
  const rng = seededRng(seed);
  const priorInclude = pick(includes, rng);
  const priorExclude = pick(excludes, rng);

  const learner = new Learner(x, config, seed);
  const screened = new Uint8Array(labels.length);
  for (const row of [priorInclude, priorExclude]) {
    learner.add({ row, label: labels[row] as 0 | 1 });
    screened[row] = 1;
  }

  const order: Array<0 | 1> = [];
  let relevantLeft = includes.length - 1;
  let retrains = 0;
  const scores = new Float64Array(labels.length);
  while (relevantLeft > 0) {
    const model = learner.fit();
    retrains++;
    const labelled = learner.includes + learner.excludes;
    const batch = schedule.kind === 'every' ? 1 : Math.max(1, Math.floor(schedule.fraction * labelled));
    for (let row = 0; row < labels.length; row++)
      scores[row] = screened[row] ? -Infinity : logOdds(model, x, row);
    for (const row of topUnscreened(scores, screened, batch)) {
      const label = labels[row] as 0 | 1;
      screened[row] = 1;
      learner.add({ row, label });
      order.push(label);
      if (label === 1) relevantLeft--;
      if (relevantLeft === 0) break;
    }
  }
  while (order.length < labels.length - 2) order.push(0);
  return { seed, priorInclude, priorExclude, labels: order, retrains };
}

function topUnscreened(scores: Float64Array, screened: Uint8Array, count: number): number[] {
  if (count === 1) {
    let best = -1;
    for (let row = 0; row < scores.length; row++) {
      if (!screened[row] && (best < 0 || (scores[row] as number) > (scores[best] as number))) best = row;
    }
    return best < 0 ? [] : [best];
  }
  const rows: number[] = [];
  for (let row = 0; row < scores.length; row++) if (!screened[row]) rows.push(row);
  rows.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return rows.slice(0, count);
}

/** Metrics of one run: Cohen's definitions (percent) and asreview-insights 1.x's. */
export interface RunMetrics {
  wss95: number;
  rrf10: number;
  /** Percent of the records screened. */
  atd: number;
  wss95Asreview: number;
  rrf10Asreview: number;
  /** In records. */
  atdAsreview: number;
}

export function runMetrics(labels: LabelSequence): RunMetrics {
  return {
    wss95: wss(labels, 0.95),
    rrf10: rrf(labels, 0.1),
    atd: atd(labels),
    wss95Asreview: wssAsreview(labels, 0.95),
    rrf10Asreview: rrfAsreview(labels, 0.1),
    atdAsreview: atdAsreview(labels),
  };
}

/** The prior knowledge of one run, as 1-based record numbers in the file. */
export interface RunPriors {
  seed: number;
  included: number;
  excluded: number;
}

/**
 * The `sift simulate --json` document (a contract: keys only ever added). Counts `records`
 * and `inclusions` include the priors; every metric and the `_screened` counts exclude them.
 * Runs are averaged as Ferdinands' thesis does: `wss95` (Cohen 2006) is read off the mean
 * found-curve; `rrf10`, `atd` and `recallCurve` are linear in the curve, so their mean over
 * runs is the same thing. The `_asreview` metrics follow asreview-insights 1.x per run
 * (its WSS@95 at ⌊0.95 K⌋ relevant, ATD in records), averaged over runs.
 */
export interface SimulationSummary {
  records: number;
  inclusions: number;
  runs: number;
  wss95: number;
  rrf10: number;
  atd: number;
  /** Mean recall (%) after screening 0 %, 1 %, …, 100 % of the records after the priors. */
  recallCurve: number[];
  records_screened: number;
  inclusions_screened: number;
  wss95_asreview: number;
  rrf10_asreview: number;
  atd_asreview: number;
  priors: RunPriors[];
}

export interface SimulateOptions {
  config: RankerConfig;
  seeds: number;
  /** Seeds used are firstSeed, firstSeed + 1, … */
  firstSeed?: number;
  schedule?: RetrainSchedule;
  /** Reuse features already built for this dataset with buildFeatures(). */
  features?: SparseMatrix;
}

/** Runs `seeds` simulations and averages them. */
export function simulate(
  dataset: LabelledDataset,
  options: SimulateOptions,
): { summary: SimulationSummary; runs: SimulationRun[] } {
  if (!Number.isInteger(options.seeds) || options.seeds < 1)
    throw new RangeError('seeds must be a positive integer');
  const x = options.features ?? buildFeatures(dataset.docs, options.config);
  const runs: SimulationRun[] = [];
  for (let s = 0; s < options.seeds; s++) {
    runs.push(
      simulateRun(
        x,
        dataset.labels,
        options.config,
        (options.firstSeed ?? 1) + s,
        options.schedule ?? defaultSchedule(options.config),
      ),
    );
  }
  return { summary: summarise(dataset, runs), runs };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Averages runs into the summary document. */
export function summarise(dataset: LabelledDataset, runs: readonly SimulationRun[]): SimulationSummary {
  const metrics = runs.map((r) => runMetrics(r.labels));
  const curves = runs.map((r) => recallCurve(r.labels));
  const curve = (curves[0] ?? []).map((_, i) => mean(curves.map((c) => c[i] as number)));
  const inclusions = dataset.labels.reduce<number>((s, l) => s + l, 0);
  return {
    records: dataset.labels.length,
    inclusions,
    runs: runs.length,
    wss95: wssOfMeanCurve(runs.map((r) => r.labels)),
    rrf10: mean(metrics.map((m) => m.rrf10)),
    atd: mean(metrics.map((m) => m.atd)),
    recallCurve: curve,
    records_screened: dataset.labels.length - 2,
    inclusions_screened: inclusions - 1,
    wss95_asreview: mean(metrics.map((m) => m.wss95Asreview)),
    rrf10_asreview: mean(metrics.map((m) => m.rrf10Asreview)),
    atd_asreview: mean(metrics.map((m) => m.atdAsreview)),
    priors: runs.map((r) => ({ seed: r.seed, included: r.priorInclude + 1, excluded: r.priorExclude + 1 })),
  };
}
