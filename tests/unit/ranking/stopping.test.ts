import {
  consecutiveExcludesRule,
  DEFAULT_STOPPING,
  NOTHING_RELEVANT_YET,
  stoppingReport,
  estimateRelevantLeft,
  hypergeometricCdf,
  hypergeometricStop,
  logGamma,
  trailingExcludes,
} from '../../../server/domain/ranking/stopping';
import { cpuMsSince } from '../../support/cpu-time';

type L = Array<0 | 1>;
const zeros = (n: number): L => new Array<0 | 1>(n).fill(0);

describe('stopping signals', () => {
  it('logGamma() matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
  });

  it.each([
    // P(X ≤ 0) drawing 2 from 5 with 2 successes = C(3,2)/C(5,2) = 3/10
    [0, 5, 2, 2, 0.3],
    // P(X ≤ 1) same urn = 1 − P(X = 2) = 1 − 1/10
    [1, 5, 2, 2, 0.9],
    // P(X ≤ 0) drawing 3 from 10 with 4 successes = C(6,3)/C(10,3) = 20/120
    [0, 10, 4, 3, 1 / 6],
    // impossible to avoid successes: 9 draws from 10 with 2 successes
    [0, 10, 2, 9, 0],
  ])('hypergeometricCdf(%p; N=%p, K=%p, n=%p) = %p', (k, N, K, n, p) => {
    expect(hypergeometricCdf(k, N, K, n)).toBeCloseTo(p, 10);
  });

  it('trailingExcludes() and the N-consecutive-excludes rule', () => {
    const labels: L = [1, 0, 1, 0, 0, 0];
    expect(trailingExcludes(labels)).toBe(3);
    expect(consecutiveExcludesRule(labels, 3).met).toBe(true);
    expect(consecutiveExcludesRule(labels, 4)).toEqual({
      consecutiveExcludes: 3,
      threshold: 4,
      met: false,
      reason: null,
    });
    expect(trailingExcludes([0, 0, 1])).toBe(0);
  });

  it('hypergeometricStop() on a hand case: 10 relevant then 3 excludes of 20 records', () => {
    // r_seen = 10, target 0.95: K_tar = floor(10/0.95 − 10 + 1) = 1 for windows holding no relevant.
    // Window n = 3: pool = 7 unscreened + 3 = 10, P(0 of 1 in 3 draws from 10) = 7/10.
    // The best window is n = 3 (windows reaching into the relevant run only raise k).
    const labels: L = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    const result = hypergeometricStop(labels, 20, 0.95, 0.95);
    expect(result.window).toBe(3);
    expect(result.pValue).toBeCloseTo(0.7, 10);
    expect(result.met).toBe(false);
  });

  it('hypergeometricStop() is met after a long enough run of excludes, and not before', () => {
    // 20 relevant found early, then only excludes, 1000 records in all.
    const labels: L = [...new Array<0 | 1>(20).fill(1), ...zeros(80)];
    // After 80 excludes with 900 unscreened, K_tar = floor(20/0.95 − 20 + 1) = 2:
    // p = C(898, 80)/C(980, 80)·… not small enough yet.
    expect(hypergeometricStop(labels, 1000).met).toBe(false);
    const more: L = [...labels, ...zeros(800)];
    // Now the window covers 880 of the 900 + 80 records: missing 2 relevant is very unlikely.
    const result = hypergeometricStop(more, 1000);
    expect(result.met).toBe(true);
    expect(result.pValue).toBeLessThan(0.05);
  });

  it('a relevant record late in the window keeps the test from stopping', () => {
    const labels: L = [...new Array<0 | 1>(20).fill(1), ...zeros(800), 1, ...zeros(10)];
    expect(hypergeometricStop(labels, 1000).met).toBe(false);
  });

  it('the worked example of docs/notes/ranking.md, to 1e-6', () => {
    // 10 records in the stage; screened: 2 relevant, then 4 excludes; 4 unscreened.
    const report = stoppingReport([1, 1, 0, 0, 0, 0], 10, DEFAULT_STOPPING);
    expect(report).toMatchObject({ screened: 6, totalRecords: 10, unscreened: 4, relevantFound: 2 });
    // windows tried: 4 (after the 2nd relevant), 5 and 6 (the whole order)
    // n = 4: k = 0, pool 8, K_tar = ⌊2/0.95 − 2 + 1⌋ = 1, p = C(7,4)/C(8,4) = 0.5
    // n = 5: k = 1, pool 9, K_tar = 2, p = 1 − C(7,3)/C(9,5) = 0.722222; n = 6: p = 1 − 35/210 = 0.833333
    expect(report.hypergeometric).toMatchObject({
      window: 4,
      relevantInWindow: 0,
      pool: 8,
      targetRelevant: 1,
      relevantSeen: 2,
      unscreened: 4,
      met: false,
      reason: null,
    });
    expect(Math.abs(report.hypergeometric.pValue - 0.5)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(hypergeometricCdf(1, 9, 2, 5) - 0.722222)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(hypergeometricCdf(2, 10, 3, 6) - 0.833333)).toBeLessThanOrEqual(1e-6);
    // relevant likely left: (2 + 0.5)/(6 + 1) = 0.357143 per record × 4 unscreened = 1.428571
    expect(Math.abs(report.relevantLeft.recentRate - 0.357143)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(report.relevantLeft.estimate - 1.428571)).toBeLessThanOrEqual(1e-6);
    expect(report.consecutive).toEqual({ consecutiveExcludes: 4, threshold: 100, met: false, reason: null });
  });

  it('is never met before a relevant record is found, however small p is', () => {
    // 40 excludes, 1 record left: P(0 of 1 in 40 draws from 41) = 1/41 = 0.024390
    const result = hypergeometricStop(zeros(40), 41);
    expect(Math.abs(result.pValue - 0.02439)).toBeLessThanOrEqual(1e-6);
    expect(result.met).toBe(false);
    expect(result.reason).toBe(NOTHING_RELEVANT_YET);
    expect(consecutiveExcludesRule(zeros(40), 40)).toMatchObject({
      met: false,
      reason: NOTHING_RELEVANT_YET,
    });
    // one relevant found: the same run may now meet both
    expect(hypergeometricStop([1, ...zeros(400)], 402).met).toBe(true);
    expect(consecutiveExcludesRule([1, ...zeros(40)], 40).met).toBe(true);
  });

  it('hypergeometricStop() refuses impossible arguments', () => {
    expect(() => hypergeometricStop([1, 0], 1)).toThrow(RangeError);
    expect(() => hypergeometricStop([1, 0], 10, 1)).toThrow(RangeError);
    expect(() => hypergeometricStop([1, 0], 10, 0.95, 0)).toThrow(RangeError);
  });

  it('estimateRelevantLeft() applies the recent inclusion rate to the unscreened', () => {
    // last 10: one relevant → (1 + 0.5)/(10 + 1); 90 unscreened
    const labels: L = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    const e = estimateRelevantLeft(labels, 103, 10);
    expect(e.window).toBe(10);
    expect(e.recentRate).toBeCloseTo(1.5 / 11, 12);
    expect(e.estimate).toBeCloseTo((1.5 / 11) * 90, 10);
  });
});

describe('hypergeometric test at scale', () => {
  it('hypergeometricCdf() sums to 1 over its support and matches a direct sum', () => {
    const N = 500;
    const K = 40;
    const n = 120;
    expect(hypergeometricCdf(40, N, K, n)).toBe(1);
    const direct = (k: number) => {
      let p = 0;
      for (let i = 0; i <= k; i++) {
        p += Math.exp(
          logGamma(K + 1) -
            logGamma(i + 1) -
            logGamma(K - i + 1) +
            logGamma(N - K + 1) -
            logGamma(n - i + 1) -
            logGamma(N - K - n + i + 1) -
            (logGamma(N + 1) - logGamma(n + 1) - logGamma(N - n + 1)),
        );
      }
      return p;
    };
    for (const k of [0, 3, 9, 15, 30]) expect(hypergeometricCdf(k, N, K, n)).toBeCloseTo(direct(k), 10);
  });

  it('runs on a 50,000-record screening in well under a second', () => {
    const labels: Array<0 | 1> = [];
    for (let i = 0; i < 30000; i++) labels.push(i % 50 === 0 ? 1 : 0);
    const started = process.cpuUsage();
    const result = hypergeometricStop(labels, 50000);
    expect(cpuMsSince(started)).toBeLessThan(1000);
    expect(result.met).toBe(false);
  });
});

describe('hypergeometricStop() window pruning', () => {
  it('gives the same smallest p as trying every window', () => {
    const bruteForce = (labels: Array<0 | 1>, total: number, target: number) => {
      let best = 1;
      let inWindow = 0;
      const r = labels.reduce<number>((s, l) => s + l, 0);
      for (let n = 1; n <= labels.length; n++) {
        inWindow += labels[labels.length - n]!;
        const K = Math.floor(r / target - (r - inWindow) + 1);
        const pool = total - labels.length + n;
        best = Math.min(best, K > pool ? 0 : hypergeometricCdf(inWindow, pool, K, n));
      }
      return best;
    };
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 30; trial++) {
      const length = 50 + Math.floor(rand() * 300);
      const labels: Array<0 | 1> = Array.from({ length }, (_, i) =>
        rand() < 0.4 * Math.exp(-i / 40) ? 1 : 0,
      );
      const total = length + Math.floor(rand() * 500);
      for (const target of [0.8, 0.95]) {
        expect(hypergeometricStop(labels, total, target).pValue).toBeCloseTo(
          bruteForce(labels, total, target),
          12,
        );
      }
    }
  });
});
