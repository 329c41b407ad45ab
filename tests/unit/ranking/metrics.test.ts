import {
  atd,
  discoveryPositions,
  recallCurve,
  recordsToRecall,
  rrf,
  wss,
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
    expect(wss(order, 0.95)).toBeCloseTo(45, 10);
    // WSS@100 has no allowance: (20 − 10)/20 = 0.5
    expect(wss(order, 1)).toBeCloseTo(50, 10);
  });

  it('rrf(0.10) counts relevant found in the first 10 % of records', () => {
    // first 2 records hold 2 of 4 relevant
    expect(rrf(order, 0.1)).toBeCloseTo(50, 10);
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
