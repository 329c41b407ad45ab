import type { DoubleBalanceParams } from './balance';
import type { TrainingExample } from './linear-model';
import type { Rng } from './random';

/**
 * ASReview v1's "double" balance exactly as it trains (asreview/models/balance/double.py):
 * the labelled set is RESAMPLED to the same size, inclusions copied (and the remainder drawn
 * without replacement), exclusions drawn without replacement, the inclusion count randomly
 * rounded. Note ASReview's exclusion weight uses 1 + ln(n), not 1 + n. Every draw comes from
 * `rng`, so a run is reproducible from its seed.
 */
export function doubleResample(
  examples: readonly TrainingExample[],
  params: DoubleBalanceParams,
  rng: Rng,
): TrainingExample[] {
  const ones = examples.filter((e) => e.label === 1);
  const zeros = examples.filter((e) => e.label === 0);
  if (ones.length === 0 || zeros.length === 0) return [...examples];
  const total = ones.length + zeros.length;
  const oneWeight = params.a * Math.pow(ones.length / zeros.length, -params.alpha);
  const zeroWeight = 1 - (1 - params.b) * Math.pow(1 + Math.log(total), -params.beta);
  const expected = (oneWeight * ones.length * total) / (oneWeight * ones.length + zeroWeight * zeros.length);
  const oneCount = Math.max(1, Math.min(total - 2, randomRound(expected, rng)));
  return [...fill(ones, oneCount, rng), ...fill(zeros, total - oneCount, rng)];
}

/** Rounds up with probability equal to the fractional part. */
function randomRound(value: number, rng: Rng): number {
  const base = Math.floor(value);
  return rng() < value - base ? base + 1 : base;
}

/** Whole copies of `items`, then the remainder drawn without replacement. */
function fill<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const out: T[] = [];
  const copies = Math.floor(count / items.length);
  for (let c = 0; c < copies; c++) out.push(...items);
  const pool = [...items];
  for (let i = 0; i < count - copies * items.length; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    const chosen = pool[j] as T;
    pool[j] = pool[i] as T;
    pool[i] = chosen;
    out.push(chosen);
  }
  return out;
}
