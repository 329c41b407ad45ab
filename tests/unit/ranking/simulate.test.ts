import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { ParseError } from '../../../server/domain/errors';
import { labelledDatasetFromRows } from '../../../server/domain/ranking/labelled-rows';
import { coldStartOrder } from '../../../server/domain/ranking/cold-start';
import { SIFT_NB } from '../../../server/domain/ranking/ranker';
import {
  simulate,
  simulateRun,
  summarise,
  type LabelledDataset,
  type SimulationRun,
} from '../../../server/domain/ranking/simulate';
import { buildTfidf } from '../../../server/domain/ranking/tfidf';

const FIXTURE = path.join(__dirname, '../../fixtures/ranking/nudging_first240.csv');

describe('ASReview-protocol simulation', () => {
  const data = readLabelledCsv(FIXTURE);
  const x = buildTfidf(data.docs, SIFT_NB.tfidf).matrix;

  it('reads the fixture: 240 records, 16 included', () => {
    expect(data.labels).toHaveLength(240);
    expect(data.labels.filter((l) => l === 1)).toHaveLength(16);
  });

  it('one prior inclusion and one prior exclusion, then every other record once', () => {
    const run = simulateRun(x, data.labels, SIFT_NB, 7);
    expect(data.labels[run.priorInclude]).toBe(1);
    expect(data.labels[run.priorExclude]).toBe(0);
    expect(run.labels).toHaveLength(238);
    expect(run.labels.filter((l) => l === 1)).toHaveLength(15);
  });

  it('is deterministic for a fixed seed and differs between seeds', () => {
    const a = simulateRun(x, data.labels, SIFT_NB, 42);
    const b = simulateRun(x, data.labels, SIFT_NB, 42);
    expect(b).toEqual(a);
    const runs = [1, 2, 3, 4, 5].map((s) => simulateRun(x, data.labels, SIFT_NB, s));
    expect(new Set(runs.map((r) => `${r.priorInclude}/${r.priorExclude}`)).size).toBeGreaterThan(1);
  });

  it('finds relevant records much faster than random screening', () => {
    const { summary } = simulate(data, { config: SIFT_NB, seeds: 3, features: x });
    expect(summary.runs).toBe(3);
    // Random screening has WSS@95 ≈ 0 and RRF@10 ≈ 10.
    expect(summary.wss95).toBeGreaterThan(30);
    expect(summary.rrf10).toBeGreaterThan(25);
    expect(summary.atd).toBeLessThan(35);
  });

  it('batched retraining barely changes the outcome on this fixture', () => {
    const every = simulate(data, { config: SIFT_NB, seeds: 3, features: x }).summary;
    const batched = simulate(data, {
      config: SIFT_NB,
      seeds: 3,
      features: x,
      schedule: { kind: 'fraction', fraction: 0.05 },
    }).summary;
    expect(Math.abs(every.wss95 - batched.wss95)).toBeLessThan(10);
  });
});

describe('summarise(): the simulate document from two hand-made runs (issue 18)', () => {
  // 12 records, 3 relevant. Each run's priors take one relevant and one irrelevant record, so the
  // order after the priors has N = 10 records holding K = 2 relevant.
  const dataset: LabelledDataset = {
    docs: Array.from({ length: 12 }, (_, i) => ({ title: `record ${i + 1}`, abstract: null, keywords: [] })),
    labels: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  };
  const run = (seed: number, priorInclude: number, found: number[]): SimulationRun => {
    const labels = new Array<0 | 1>(10).fill(0);
    for (const p of found) labels[p - 1] = 1;
    return { seed, priorInclude, priorExclude: 3, labels, retrains: 10 };
  };
  // Run A finds its two relevant records at positions 1 and 2, run B at 1 and 3.
  const summary = summarise(dataset, [run(1, 0, [1, 2]), run(2, 2, [1, 3])]);

  it('counts records and inclusions with the priors, the _screened counts without them', () => {
    expect(summary).toMatchObject({
      records: 12,
      inclusions: 3,
      runs: 2,
      records_screened: 10,
      inclusions_screened: 2,
    });
  });

  it('reads wss95 off the mean curve (65 %), not the mean of the runs (70 %)', () => {
    // Mean found after 1, 2, 3 records: 1, 1.5, 2; ⌈0.95 · 2⌉ = 1.9 is first reached after 3:
    // (10 − 3)/10 − 5 % = 65 %. Run by run: 75 % and 65 %, whose mean 70 % main reported.
    expect(summary.wss95).toBeCloseTo(65, 6);
  });

  it('gives asreview-insights WSS@95, RRF@10 and ATD per run, averaged', () => {
    // insights: j = ⌊1.9⌋ = 1, found at index 0 in both runs; random: round(i · 2/9) first
    // reaches 1 at i = 3 (0.67): (3 − 0)/10 = 30 %.
    expect(summary.wss95_asreview).toBeCloseTo(30, 6);
    // ⌊10 % of 10⌋ = 1 record holds 1 of 2 relevant in both runs
    expect(summary.rrf10).toBeCloseTo(50, 6);
    expect(summary.rrf10_asreview).toBeCloseTo(50, 6);
    // mean positions 1.5 and 2 records: 1.75 records, 17.5 % of N
    expect(summary.atd_asreview).toBeCloseTo(1.75, 6);
    expect(summary.atd).toBeCloseTo(17.5, 6);
  });

  it("names each run's prior records, 1-based", () => {
    expect(summary.priors).toEqual([
      { seed: 1, included: 1, excluded: 4 },
      { seed: 2, included: 3, excluded: 4 },
    ]);
  });
});

describe('labelledDatasetFromRows()', () => {
  it('accepts the included column and names the line of a bad label', () => {
    const ok = labelledDatasetFromRows('x.csv', [
      ['Title', 'Abstract', 'included'],
      ['a', 'b', '1'],
      ['c', 'd', '0'],
    ]);
    expect(ok.labels).toEqual([1, 0]);
    expect(() =>
      labelledDatasetFromRows('x.csv', [
        ['title', 'included'],
        ['a', '1'],
        ['b', ''],
      ]),
    ).toThrow(new ParseError('x.csv', 3, 'label "" is not 1 or 0'));
    expect(() => labelledDatasetFromRows('x.csv', [['title', 'year']])).toThrow(/no label column/);
  });
});

describe('coldStartOrder()', () => {
  const docs = [
    { id: 1, doc: { title: 'Tax policy', abstract: null, keywords: [] } },
    { id: 2, doc: { title: 'Nudging physicians with defaults', abstract: null, keywords: [] } },
    { id: 3, doc: { title: 'A nudge for nurses', abstract: null, keywords: [] } },
  ];
  it('puts keyword matches first and is stable for a seed', () => {
    const order = coldStartOrder(docs, ['nudging', 'defaults'], 5);
    expect(order[0]).toBe(2);
    expect(coldStartOrder(docs, [], 9)).toEqual(coldStartOrder(docs, [], 9));
    expect([...coldStartOrder(docs, [], 9)].sort()).toEqual([1, 2, 3]);
  });
});
