import { atdAsreview, rrfAsreview, wssAsreview } from '../../../server/domain/ranking/asreview-metrics';
import {
  atd,
  cutOff,
  discoveryPositions,
  recallCurve,
  recordsToRecall,
  rrf,
  wss,
  wssOfMeanCurve,
} from '../../../server/domain/ranking/metrics';

type L = Array<0 | 1>;

describe('screening metrics on hand-computed orders', () => {
  // 20 records, 4 relevant, found at positions 1, 2, 5 and 10.
  const order: L = [1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  it('discoveryPositions() lists 1-based positions of relevant records', () => {
    expect(discoveryPositions(order)).toEqual([1, 2, 5, 10]);
  });

  it.each([
    [0.5, 2],
    [0.75, 5],
    [0.95, 10], // ceil(0.95 · 4) = 4 relevant needed
    [1, 10],
  ])('recordsToRecall(%p) = %p', (recall, n) => {
    expect(recordsToRecall(order, recall)).toBe(n);
  });

  it('wss(0.95) = (N − n95)/N − 0.05 in percent', () => {
    // (20 − 10)/20 − 0.05 = 0.45
    expect(wss(order, 0.95)).toBeCloseTo(45, 6);
    // WSS@100 has no allowance: (20 − 10)/20 = 0.5
    expect(wss(order, 1)).toBeCloseTo(50, 6);
  });

  it('rrf(0.10) counts relevant found in the first 10 % of records', () => {
    // first 2 records hold 2 of 4 relevant
    expect(rrf(order, 0.1)).toBeCloseTo(50, 6);
    // first 5 records (25 %) hold 3 of 4
    expect(rrf(order, 0.25)).toBeCloseTo(75, 10);
    // first 4 records (20 %) hold 2 of 4: the 5th, relevant, is past the cut-off
    expect(rrf(order, 0.2)).toBeCloseTo(50, 10);
  });

  it('atd() is the mean discovery position over N, in percent', () => {
    // mean position (1 + 2 + 5 + 10)/4 = 4.5; 4.5 / 20 = 22.5 %
    expect(atd(order)).toBeCloseTo(22.5, 10);
  });

  it('a perfect order and a worst order bound WSS', () => {
    const perfect: L = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const worst: L = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    expect(wss(perfect, 0.95)).toBeCloseTo(75, 10); // (10 − 2)/10 − 0.05
    expect(wss(worst, 0.95)).toBeCloseTo(-5, 10); // (10 − 10)/10 − 0.05
    expect(atd(perfect)).toBeCloseTo(15, 10); // mean(1, 2) / 10
    expect(atd(worst)).toBeCloseTo(95, 10); // mean(9, 10) / 10
  });

  it('recallCurve() gives recall at every percent of records screened', () => {
    const curve = recallCurve(order);
    expect(curve).toHaveLength(101);
    expect(curve[0]).toBe(0);
    expect(curve[10]).toBe(50); // 2 records
    expect(curve[25]).toBe(75); // 5 records
    expect(curve[50]).toBe(100); // 10 records
    expect(curve[100]).toBe(100);
  });

  it('refuses orders without a relevant record, saying which metric needs one', () => {
    expect(() => wss([0, 0, 0])).toThrow(RangeError);
    expect(() => rrf([0, 0])).toThrow(RangeError);
    expect(() => atd([0])).toThrow(RangeError);
    expect(() => wss([0, 0, 0])).toThrow('recordsToRecall() needs at least one relevant record');
    expect(() => rrf([0, 0])).toThrow('rrf() needs at least one relevant record');
    expect(() => atd([0])).toThrow('atd() needs at least one relevant record');
  });

  it('recall 0 needs no record; a quarter of 4 relevant needs the first one', () => {
    expect(recordsToRecall(order, 0)).toBe(0);
    expect(recordsToRecall(order, 0.25)).toBe(1);
  });

  it('a recall level that is a whole number of records in exact arithmetic is not rounded up by binary fractions', () => {
    // 0.3 · 10 = 3.0000000000000004 in binary floating point: 3 records, not 4.
    const allRelevant: L = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect(recordsToRecall(allRelevant, 0.3)).toBe(3);
    expect(recordsToRecall(allRelevant, 0.31)).toBe(4);
  });

  it('defaults are WSS@95, RRF@10 and a 101-point curve', () => {
    expect(wss(order)).toBeCloseTo(45, 6);
    expect(rrf(order)).toBeCloseTo(50, 6);
    expect(recallCurve(order)).toEqual(recallCurve(order, 101));
  });

  it('recallCurve() with 11 points samples every 10 % (2 records), and is flat 0 without a relevant record', () => {
    // cut-offs 0, 2, 4, …, 20 records: relevant found 0, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4 of 4
    expect(recallCurve(order, 11)).toEqual([0, 50, 50, 75, 75, 100, 100, 100, 100, 100, 100]);
    expect(recallCurve([0, 0, 0, 0], 3)).toEqual([0, 0, 0]);
  });
});

describe('RRF@10 cut-off', () => {
  it('floors the cut-off like asreview-insights: 15 records → the first 1, not round(1.5) = 2', () => {
    // 15 records, relevant at positions 2 and 9: only the first record is inside 10 %.
    const order: L = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    expect(rrf(order, 0.1)).toBeCloseTo(0, 6);
  });
});

/** Relevant at the given 1-based positions in an order of n records. */
function orderOf(n: number, positions: number[]): L {
  const out: L = new Array<0 | 1>(n).fill(0);
  for (const p of positions) out[p - 1] = 1;
  return out;
}

describe('cutOff()', () => {
  it.each([
    [0.1, 20, 2],
    [0.1, 15, 1],
    [0.1, 9, 0],
    [0.95, 20, 19], // 0.95 · 20 is 18.999… in floating point; 19 / 20 ≤ 0.95 still holds
    [1, 7, 7],
    [0, 7, 0],
  ])('the first %p of %p records are %p records', (fraction, n, cut) => {
    expect(cutOff(fraction, n)).toBe(cut);
  });
});

describe('asreview-insights 1.x definitions, hand-computed (tolerance 1e-6)', () => {
  // 20 records, relevant at 1, 2, 5 and 10.
  const order = orderOf(20, [1, 2, 5, 10]);

  it('wssAsreview() takes ⌊0.95 · K⌋ relevant and compares with rounded linspace(0, K, N)', () => {
    // K = 4: j = 3 (3/4 ≤ 0.95 < 4/4); this order finds the 3rd at index 4. Random: step 4/19,
    // round(i · 4/19) first reaches 3 at i = 12 (2.526…). (12 − 4) / 20 = 40 %.
    expect(wssAsreview(order, 0.95)).toBeCloseTo(40, 6);
    // Cohen's definition on the same order: ⌈3.8⌉ = 4 relevant after 10 records → 45 %.
    expect(wss(order, 0.95)).toBeCloseTo(45, 6);
  });

  it('few inclusions: the definitions disagree by 50 points when the last relevant comes last', () => {
    // 30 records, K = 3 at 1, 2 and 30. Cohen needs all 3: (30 − 30)/30 − 0.05 = −5 %.
    // insights takes j = 2 (found at index 1); random reaches 2 at i = 15 (15 · 3/29 = 1.55):
    // (15 − 1) / 30 = 46.67 %.
    const late = orderOf(30, [1, 2, 30]);
    expect(wss(late, 0.95)).toBeCloseTo(-5, 6);
    expect(wssAsreview(late, 0.95)).toBeCloseTo((100 * 14) / 30, 6);
  });

  it('K = 1: no j has j/K ≤ 0.95, so numpy index −1 takes the only relevant record', () => {
    // 10 records, relevant at 4 (index 3). Random reaches 1 at i = 5 (5/9 = 0.56 → 1): 20 %.
    const one = orderOf(10, [4]);
    expect(wssAsreview(one, 0.95)).toBeCloseTo(20, 6);
    expect(wss(one, 0.95)).toBeCloseTo(55, 6); // (10 − 4)/10 − 0.05
  });

  it('rounds halves to even as numpy.round does', () => {
    // N = 3, K = 1: linspace = [0, 0.5, 1]; round(0.5) = 0, so random finds it at i = 2.
    expect(wssAsreview(orderOf(3, [1]), 0.95)).toBeCloseTo((100 * 2) / 3, 6);
  });

  it('rrfAsreview() floors the cut-off, gives 0 before the first record and equals rrf()', () => {
    expect(rrfAsreview(order, 0.1)).toBeCloseTo(50, 6); // 2 records hold 2 of 4
    expect(rrfAsreview(orderOf(5, [1]), 0.1)).toBeCloseTo(0, 6); // 0.1 · 5 < 1 record
    const fifteen = orderOf(15, [2, 9]);
    expect(rrfAsreview(fifteen, 0.1)).toBeCloseTo(rrf(fifteen, 0.1), 6);
  });

  it('atdAsreview() is the mean discovery position in records; atd() is that over N in %', () => {
    expect(atdAsreview(order)).toBeCloseTo(4.5, 6);
    expect(atd(order)).toBeCloseTo((100 * 4.5) / 20, 6);
  });

  it('refuses orders without a relevant record', () => {
    expect(() => wssAsreview([0, 0])).toThrow(RangeError);
    expect(() => rrfAsreview([0])).toThrow(RangeError);
    expect(() => atdAsreview([0])).toThrow(RangeError);
  });
});

describe('wssOfMeanCurve(): runs averaged curve first, as the thesis does', () => {
  it('takes n95 where the MEAN found-curve reaches 0.95 · K', () => {
    // N = 10, K = 2. Run A finds them at 1 and 2, run B at 1 and 3. Mean found after
    // 1, 2, 3 records: 1, 1.5, 2; 0.95 · 2 = 1.9 is first reached after 3 records:
    // (10 − 3)/10 − 0.05 = 65 %. Averaging the per-run values would give (75 + 65)/2 = 70 %.
    const a = orderOf(10, [1, 2]);
    const b = orderOf(10, [1, 3]);
    expect(wssOfMeanCurve([a, b], 0.95)).toBeCloseTo(65, 6);
    expect((wss(a) + wss(b)) / 2).toBeCloseTo(70, 6);
  });

  it('with one run equals wss(), and refuses runs of different sets', () => {
    const a = orderOf(20, [1, 2, 5, 10]);
    expect(wssOfMeanCurve([a])).toBeCloseTo(wss(a), 6);
    expect(() => wssOfMeanCurve([a, orderOf(19, [1, 2, 5, 10])])).toThrow(RangeError);
    expect(() => wssOfMeanCurve([])).toThrow(RangeError);
  });
});
