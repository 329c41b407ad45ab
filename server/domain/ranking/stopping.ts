/**
 * Stopping signals for prioritised screening. They advise; nothing in Sift stops screening
 * on its own. `labels` is the screening order so far (1 = include), oldest first.
 */
export type ScreenedLabels = ReadonlyArray<0 | 1>;

/** Length of the current run of excludes at the end of the order. */
export function trailingExcludes(labels: ScreenedLabels): number {
  let n = 0;
  for (let i = labels.length - 1; i >= 0 && labels[i] === 0; i--) n++;
  return n;
}

/** Why no stopping signal may be met before the first relevant record: recall of nothing found is undefined. */
export const NOTHING_RELEVANT_YET =
  'no relevant record has been found yet, so no recall can be estimated: keep screening';

export interface ConsecutiveExcludes {
  consecutiveExcludes: number;
  threshold: number;
  met: boolean;
  /** Why the rule is not met although the run is long enough; null otherwise. */
  reason: string | null;
}

/**
 * The simple heuristic: stop after `threshold` consecutive excludes — never before anything
 * relevant was found (a run of excludes from the start says nothing about what is left).
 */
export function consecutiveExcludesRule(labels: ScreenedLabels, threshold: number): ConsecutiveExcludes {
  const run = trailingExcludes(labels);
  const nothingFound = !labels.some((l) => l === 1);
  const reached = run >= threshold;
  return {
    consecutiveExcludes: run,
    threshold,
    met: reached && !nothingFound,
    reason: reached && nothingFound ? NOTHING_RELEVANT_YET : null,
  };
}

// Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for the arguments used here.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = LANCZOS[0] as number;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≤ k) for X ~ Hypergeometric(population N, successes K, draws n):
 * the chance of seeing at most k relevant in n draws without replacement.
 */
export function hypergeometricCdf(k: number, population: number, successes: number, draws: number): number {
  const lo = Math.max(0, draws - (population - successes));
  const hi = Math.min(draws, successes);
  if (k < lo) return 0;
  if (k >= hi) return 1;
  // pmf at the lowest value from log-gamma, then the ratio pmf(i+1)/pmf(i): the stopping test
  // evaluates this for every window of a 50,000-record screening, so it must stay cheap.
  let pmf = Math.exp(
    logChoose(successes, lo) + logChoose(population - successes, draws - lo) - logChoose(population, draws),
  );
  let p = pmf;
  for (let i = lo; i < k; i++) {
    pmf *= ((successes - i) * (draws - i)) / ((i + 1) * (population - successes - draws + i + 1));
    p += pmf;
  }
  return Math.min(1, p);
}

export interface HypergeometricStop {
  /** Smallest p-value over the windows tried: the evidence against "recall < target". */
  pValue: number;
  /** Size of the window (most recent records) that gave the smallest p-value. */
  window: number;
  recallTarget: number;
  confidence: number;
  /**
   * True when the null hypothesis "recall is below target" is rejected at 1 − confidence —
   * never while no relevant record has been found.
   */
  met: boolean;
  /** Why the test is not met although its p-value is small enough; null otherwise. */
  reason: string | null;
  /** The numbers behind the p-value, so a reader can redo it. */
  relevantSeen: number;
  unscreened: number;
  /** Relevant records in the window. */
  relevantInWindow: number;
  /** The window plus every unscreened record: the urn the window is taken to be drawn from. */
  pool: number;
  /** K_tar: the relevant records the pool would hold at least if recall were below target. */
  targetRelevant: number;
}

/**
 * Callaghan & Müller-Hansen (2020) stopping test. Treat the last n screened records as a
 * random draw from the pool they came from (themselves plus everything unscreened). If recall
 * were below the target, that pool would hold at least K_tar = ⌊r_seen / target − r_before + 1⌋
 * relevant records, where r_before are those found before the window; the hypergeometric
 * CDF of seeing only k of them in the window is the p-value. Like their reference code we
 * try every window ending now and keep the smallest p. Valid only when the window was
 * screened in an order no better than random for the remaining records (e.g. a random
 * sample drawn for the purpose); with model-ranked screening it is conservative.
 */
export function hypergeometricStop(
  labels: ScreenedLabels,
  totalRecords: number,
  recallTarget = 0.95,
  confidence = 0.95,
): HypergeometricStop {
  if (!(recallTarget > 0 && recallTarget < 1)) throw new RangeError('recallTarget must be between 0 and 1');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must be between 0 and 1');
  if (totalRecords < labels.length) throw new RangeError('totalRecords is smaller than the records screened');
  const seen = labels.length;
  let relevantSeen = 0;
  for (const l of labels) relevantSeen += l;
  const unscreened = totalRecords - seen;

  let best = { pValue: 1, window: 0, relevantInWindow: 0, pool: unscreened, targetRelevant: 0 };
  let inWindow = 0;
  for (let n = 1; n <= seen; n++) {
    inWindow += labels[seen - n] as number;
    // Growing a window by one exclude (same k, one more draw from a pool one larger) can only
    // lower p: the larger draw stochastically dominates. So the smallest p lies at windows
    // whose next older record is relevant, or at the whole order; only those are computed.
    if (n < seen && labels[seen - n - 1] === 0) continue;
    const before = relevantSeen - inWindow;
    const pool = unscreened + n;
    const target = Math.floor(relevantSeen / recallTarget - before + 1);
    const p = target > pool ? 0 : hypergeometricCdf(inWindow, pool, target, n);
    if (p < best.pValue)
      best = { pValue: p, window: n, relevantInWindow: inWindow, pool, targetRelevant: target };
  }
  const significant = best.pValue < 1 - confidence;
  // With nothing found, K_tar = 1 and a long run of excludes "rejects" missing a single record:
  // a claim about the recall of zero relevant records, which means nothing.
  const nothingFound = relevantSeen === 0;
  return {
    ...best,
    recallTarget,
    confidence,
    met: significant && !nothingFound,
    reason: nothingFound ? NOTHING_RELEVANT_YET : null,
    relevantSeen,
    unscreened,
  };
}

export interface RelevantLeftEstimate {
  /** Point estimate of relevant records among the unscreened. */
  estimate: number;
  /** Rate used: relevant per record in the most recent window (with a half-record prior). */
  recentRate: number;
  window: number;
}

/**
 * Relevant records likely left: the inclusion rate of the last `window` screened records
 * applied to the unscreened ones. In prioritised order the rate only falls from here, so
 * this is an upper-leaning estimate, the safe side for a stopping decision.
 */
export function estimateRelevantLeft(
  labels: ScreenedLabels,
  totalRecords: number,
  window = 100,
): RelevantLeftEstimate {
  const w = Math.min(window, labels.length);
  let found = 0;
  for (let i = labels.length - w; i < labels.length; i++) found += labels[i] as number;
  const recentRate = (found + 0.5) / (w + 1);
  const unscreened = Math.max(0, totalRecords - labels.length);
  return { estimate: Math.min(unscreened, recentRate * unscreened), recentRate, window: w };
}

export interface StoppingOptions {
  recallTarget: number;
  confidence: number;
  consecutiveExcludes: number;
  window: number;
}

export const DEFAULT_STOPPING: StoppingOptions = {
  recallTarget: 0.95,
  confidence: 0.95,
  consecutiveExcludes: 100,
  window: 100,
};

/** The dashboard's stopping panel: three independent signals, none of them acted on automatically. */
export interface StoppingReport {
  /** Records of the stage with a settled outcome, in the order they were screened. */
  screened: number;
  /** Records in the stage (records merged as duplicates are not). */
  totalRecords: number;
  unscreened: number;
  relevantFound: number;
  relevantLeft: RelevantLeftEstimate;
  hypergeometric: HypergeometricStop;
  consecutive: ConsecutiveExcludes;
}

/** The panel for `labels` (the settled outcomes of records in the stage, oldest first) out of `totalRecords` in the stage. */
export function stoppingReport(
  labels: ScreenedLabels,
  totalRecords: number,
  options: StoppingOptions = DEFAULT_STOPPING,
): StoppingReport {
  return {
    screened: labels.length,
    totalRecords,
    unscreened: totalRecords - labels.length,
    relevantFound: labels.reduce<number>((s, l) => s + l, 0),
    relevantLeft: estimateRelevantLeft(labels, totalRecords, options.window),
    hypergeometric: hypergeometricStop(labels, totalRecords, options.recallTarget, options.confidence),
    consecutive: consecutiveExcludesRule(labels, options.consecutiveExcludes),
  };
}
