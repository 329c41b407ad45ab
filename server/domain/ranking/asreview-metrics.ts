import { cutOff, discoveryPositions, foundCurve, relevantCount, type LabelSequence } from './metrics';

/**
 * The metrics as asreview-insights 1.x computes them (asreviewcontrib/insights/algorithms.py
 * and metrics.py), on the same order as metrics.ts: priors removed from both axes
 * (priors=False), the order padded with excludes to every record. Kept apart from Cohen's
 * definitions because on sets with few inclusions they disagree by many points.
 */

/** numpy.round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * asreview-insights' WSS@r in percent (`_wss_values` + `_slice_metric`). For each j = 1..K it
 * compares where random screening finds its j-th relevant record (the first i with
 * round(linspace(0, K, N)[i]) ≥ j) with where this order finds it, as a share of N; the value
 * reported at r is the one for the LARGEST j with j / K ≤ r, i.e. ⌊r · K⌋ relevant found — not
 * ⌈r · K⌉ as in Cohen's WSS. When no j qualifies (K = 1 at r = 0.95) numpy's index −1 picks
 * the last one, j = K.
 */
export function wssAsreview(labels: LabelSequence, recall = 0.95): number {
  const n = labels.length;
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('wssAsreview() needs at least one relevant record');
  let j = 0;
  while (j < k && (j + 1) / k <= recall) j++;
  if (j === 0) j = k;

  const found = foundCurve(labels);
  let whenFound = 0; // 0-based index of the record that brings the count to j
  while ((found[whenFound + 1] as number) < j) whenFound++;

  // numpy.linspace(0, K, N): i · (K / (N − 1)), the last point exactly K; one point is [0].
  const step = n > 1 ? k / (n - 1) : 0;
  let whenRandom = n; // numpy.searchsorted past the end when never reached
  for (let i = 0; i < n; i++) {
    const expected = n > 1 && i === n - 1 ? k : roundHalfEven(i * step);
    if (expected >= j) {
      whenRandom = i;
      break;
    }
  }
  return (100 * (whenRandom - whenFound)) / n;
}

/**
 * asreview-insights' recall at a share of records screened (`_recall`), in percent: recall
 * after the largest c with c / N ≤ fraction records, 0 when the fraction lies before the
 * first record. RRF@10 is this at 0.10; it equals rrf() in metrics.ts.
 */
export function rrfAsreview(labels: LabelSequence, fraction = 0.1): number {
  const k = relevantCount(labels);
  if (k === 0) throw new RangeError('rrfAsreview() needs at least one relevant record');
  return (100 * (foundCurve(labels)[cutOff(fraction, labels.length)] as number)) / k;
}

/**
 * asreview-insights' average time to discovery (`_average_time_to_discovery`): the mean
 * 1-based position of the relevant records in the order, in RECORDS (not a share).
 */
export function atdAsreview(labels: LabelSequence): number {
  const positions = discoveryPositions(labels);
  if (positions.length === 0) throw new RangeError('atdAsreview() needs at least one relevant record');
  return positions.reduce((s, p) => s + p, 0) / positions.length;
}
