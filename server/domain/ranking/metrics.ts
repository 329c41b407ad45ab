/**
 * Screening-performance metrics as ASReview's simulation studies report them. `labels` is the
 * screening order after the prior knowledge (1 = relevant), covering every record left to
 * screen; the priors are excluded from both the order and the counts, as asreview-insights
 * does by default (priors=False) and as Ferdinands et al. (2023) report.
 */
export type LabelSequence = ReadonlyArray<0 | 1>;

function relevantCount(labels: LabelSequence): number {
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

/** Number of records screened when recall first reaches `recall` (0–1). */
export function recordsToRecall(labels: LabelSequence, recall: number): number {
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('recordsToRecall() needs at least one relevant record');
  const needed = Math.ceil(recall * k - 1e-9);
  if (needed <= 0) return 0;
  return discoveryPositions(labels)[needed - 1] as number;
}

/**
 * Work saved over sampling at a recall level, in percent:
 * WSS@r = (N − n_r) / N − (1 − r), with n_r the records screened to reach recall r
 * (Cohen et al. 2006, as ASReview uses it).
 */
export function wss(labels: LabelSequence, recall = 0.95): number {
  const n = labels.length;
  return 100 * ((n - recordsToRecall(labels, recall)) / n - (1 - recall));
}

/**
 * Relevant records found, in percent of all relevant, after screening `fraction` of the
 * records (RRF@10 uses 0.10; the cut-off is rounded to the nearest whole record).
 */
export function rrf(labels: LabelSequence, fraction = 0.1): number {
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('rrf() needs at least one relevant record');
  const cut = Math.round(fraction * labels.length);
  let found = 0;
  for (let i = 0; i < cut; i++) found += labels[i] as number;
  return (100 * found) / k;
}

/**
 * Average time to discovery, in percent of the records to screen: the mean 1-based position
 * at which each relevant record is found (asreview-insights' ATD), divided by N. It equals,
 * up to one record, the area above the recall curve that Ferdinands et al. report.
 */
export function atd(labels: LabelSequence): number {
  const positions = discoveryPositions(labels);
  if (positions.length === 0) throw new RangeError('atd() needs at least one relevant record');
  const mean = positions.reduce((s, p) => s + p, 0) / positions.length;
  return (100 * mean) / labels.length;
}

/**
 * Recall in percent after screening 0 %, 1 %, …, 100 % of the records (101 points), the
 * curve drawn in recall plots; cut-offs are rounded to whole records like rrf().
 */
export function recallCurve(labels: LabelSequence, points = 101): number[] {
  const k = relevantCount(labels);
  const cumulative = new Int32Array(labels.length + 1);
  labels.forEach((l, i) => {
    cumulative[i + 1] = (cumulative[i] as number) + l;
  });
  const out: number[] = [];
  for (let p = 0; p < points; p++) {
    const cut = Math.round((p / (points - 1)) * labels.length);
    out.push(k === 0 ? 0 : (100 * (cumulative[cut] as number)) / k);
  }
  return out;
}
