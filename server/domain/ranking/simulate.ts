import type { RankDocument } from './document';
import { logOdds } from './linear-model';
import { atd, recallCurve, rrf, wss, type LabelSequence } from './metrics';
import { pick, seededRng } from './random';
import { Learner, type RankerConfig } from './ranker';
import type { SparseMatrix } from './sparse';
import { buildTfidf } from './tfidf';

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
 * Naive Bayes retrains after every decision (one pass over the vocabulary); logistic regression
 * runs gradient descent over all decisions, so it retrains after each 5 % batch instead.
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

/** Metrics of one run, percentages 0–100. */
export interface RunMetrics {
  wss95: number;
  rrf10: number;
  atd: number;
}

export function runMetrics(labels: LabelSequence): RunMetrics {
  return { wss95: wss(labels, 0.95), rrf10: rrf(labels, 0.1), atd: atd(labels) };
}

/** The `sift simulate --json` document: metrics averaged over runs. */
export interface SimulationSummary extends RunMetrics {
  records: number;
  inclusions: number;
  runs: number;
  /** Mean recall (%) after screening 0 %, 1 %, …, 100 % of the records after the priors. */
  recallCurve: number[];
}

export interface SimulateOptions {
  config: RankerConfig;
  seeds: number;
  /** Seeds used are firstSeed, firstSeed + 1, … */
  firstSeed?: number;
  schedule?: RetrainSchedule;
  /** Reuse features already built for this dataset with config.tfidf. */
  features?: SparseMatrix;
}

/** Runs `seeds` simulations and averages them. */
export function simulate(
  dataset: LabelledDataset,
  options: SimulateOptions,
): { summary: SimulationSummary; runs: SimulationRun[] } {
  if (!Number.isInteger(options.seeds) || options.seeds < 1)
    throw new RangeError('seeds must be a positive integer');
  const x = options.features ?? buildTfidf(dataset.docs, options.config.tfidf).matrix;
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

/** Averages run metrics and recall curves. */
export function summarise(dataset: LabelledDataset, runs: readonly SimulationRun[]): SimulationSummary {
  const metrics = runs.map((r) => runMetrics(r.labels));
  const curves = runs.map((r) => recallCurve(r.labels));
  const curve = (curves[0] ?? []).map((_, i) => mean(curves.map((c) => c[i] as number)));
  return {
    records: dataset.labels.length,
    inclusions: dataset.labels.reduce<number>((s, l) => s + l, 0),
    runs: runs.length,
    wss95: mean(metrics.map((m) => m.wss95)),
    rrf10: mean(metrics.map((m) => m.rrf10)),
    atd: mean(metrics.map((m) => m.atd)),
    recallCurve: curve,
  };
}
