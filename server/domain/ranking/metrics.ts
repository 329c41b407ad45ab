/**
 * Screening-performance metrics as ASReview's simulation studies report them. `labels` is the
 * screening order after the prior knowledge (1 = relevant), covering every record left to
 * screen; the priors are excluded from both the order and the counts, as asreview-insights
 * does by default (priors=False) and as Ferdinands et al. (2023) report. asreview-insights'
 * own definitions, where they differ, are in asreview-metrics.ts.
 */
export type LabelSequence = ReadonlyArray<0 | 1>;

export function relevantCount(labels: LabelSequence): number {
  let k = 0;
  for (const l of labels) k += l;
  return k;
}

/** 1-based positions at which each relevant record was found. */
export function discoveryPositions(labels: LabelSequence): number[] {
  const out: number[] = [];
  labels.forEach((l, i) => {
    if (l === 1) out.push(i + 1);
  });
  return out;
}

/**
 * How many of `n` records lie within the first `fraction` of them: the largest c with
 * c / n ≤ fraction, computed as asreview-insights does (numpy searchsorted on i / n), so the
 * cut-off is floored and agrees with it even where fraction · n lands a rounding error off
 * a whole number.
 */
export function cutOff(fraction: number, n: number): number {
  let c = Math.min(n, Math.max(0, Math.floor(fraction * n)));
  while (c < n && (c + 1) / n <= fraction) c++;
  while (c > 0 && c / n > fraction) c--;
  return c;
}

/** Number of records screened when recall first reaches `recall` (0–1). */
export function recordsToRecall(labels: LabelSequence, recall: number): number {
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('recordsToRecall() needs at least one relevant record');
  const needed = Math.ceil(recall * k - 1e-9);
  if (needed <= 0) return 0;
  return discoveryPositions(labels)[needed - 1] as number;
}

/**
 * Work saved over sampling at a recall level, in percent (Cohen et al. 2006):
 * WSS@r = (N − n_r) / N − (1 − r), with n_r the records screened until ⌈r · K⌉ relevant
 * records are found.
 */
export function wss(labels: LabelSequence, recall = 0.95): number {
  const n = labels.length;
  return 100 * ((n - recordsToRecall(labels, recall)) / n - (1 - recall));
}

/**
 * Relevant records found, in percent of all relevant, within the first `fraction` of the
 * records (RRF@10 uses 0.10); the cut-off is floored (cutOff()), as asreview-insights does.
 */
export function rrf(labels: LabelSequence, fraction = 0.1): number {
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('rrf() needs at least one relevant record');
  const cut = cutOff(fraction, labels.length);
  let found = 0;
  for (let i = 0; i < cut; i++) found += labels[i] as number;
  return (100 * found) / k;
}

/**
 * Average time to discovery, in percent of the records to screen: the mean 1-based position
 * at which each relevant record is found (asreview-insights' ATD, which is in records),
 * divided by N. It equals, up to one record, the area above the recall curve that
 * Ferdinands et al. report.
 */
export function atd(labels: LabelSequence): number {
  const positions = discoveryPositions(labels);
  if (positions.length === 0) throw new RangeError('atd() needs at least one relevant record');
  const mean = positions.reduce((s, p) => s + p, 0) / positions.length;
  return (100 * mean) / labels.length;
}

/** Relevant records found after screening 0, 1, …, N records (N + 1 counts). */
export function foundCurve(labels: LabelSequence): Int32Array {
  const cumulative = new Int32Array(labels.length + 1);
  labels.forEach((l, i) => {
    cumulative[i + 1] = (cumulative[i] as number) + l;
  });
  return cumulative;
}

/**
 * Recall in percent after screening 0 %, 1 %, …, 100 % of the records (101 points), the
 * curve drawn in recall plots; cut-offs are floored like rrf().
 */
export function recallCurve(labels: LabelSequence, points = 101): number[] {
  const k = relevantCount(labels);
  const cumulative = foundCurve(labels);
  const out: number[] = [];
  for (let p = 0; p < points; p++) {
    const cut = cutOff(p / (points - 1), labels.length);
    out.push(k === 0 ? 0 : (100 * (cumulative[cut] as number)) / k);
  }
  return out;
}

/**
 * Cohen's WSS@r on the mean of several runs' found-curves, the way Ferdinands' thesis
 * (ASReview 0.9.3's Analysis) averages runs: the curves are averaged record by record first,
 * then n_r is the first point where the mean curve reaches r · K. All runs must screen the
 * same N records holding the same K relevant ones. With one run it equals wss().
 */
export function wssOfMeanCurve(runs: readonly LabelSequence[], recall = 0.95): number {
  const first = runs[0];
  if (!first) throw new RangeError('wssOfMeanCurve() needs at least one run');
  const n = first.length;
  const k = relevantCount(first);
  if (k === 0) throw new RangeError('wssOfMeanCurve() needs at least one relevant record');
  const total = new Float64Array(n + 1);
  for (const run of runs) {
    if (run.length !== n || relevantCount(run) !== k)
      throw new RangeError('every run must screen the same records');
    foundCurve(run).forEach((v, i) => {
      total[i] = (total[i] as number) + v;
    });
  }
  const target = recall * k * runs.length - 1e-9 * runs.length;
  let screened = n;
  for (let i = 0; i <= n; i++) {
    if ((total[i] as number) >= target) {
      screened = i;
      break;
    }
  }
  return 100 * ((n - screened) / n - (1 - recall));
}
