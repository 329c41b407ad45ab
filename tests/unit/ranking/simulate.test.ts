import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { ParseError } from '../../../server/domain/errors';
import { labelledDatasetFromRows } from '../../../server/domain/ranking/labelled-rows';
import { coldStartOrder } from '../../../server/domain/ranking/cold-start';
import { SIFT_NB } from '../../../server/domain/ranking/ranker';
import { simulate, simulateRun } from '../../../server/domain/ranking/simulate';
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
