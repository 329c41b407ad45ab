import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { classWeights } from '../../../server/domain/ranking/balance';
import { probability } from '../../../server/domain/ranking/linear-model';
import { maxRelevanceOrder, scoreRows } from '../../../server/domain/ranking/query';
import {
  ASREVIEW_NB,
  ELAS_U4,
  SIFT_DEFAULT,
  SIFT_LR,
  SIFT_NB,
  train,
  type RankerConfig,
} from '../../../server/domain/ranking/ranker';
import { buildFeatures } from '../../../server/domain/ranking/features';
import { buildTfidf } from '../../../server/domain/ranking/tfidf';
import { tokenize } from '../../../server/domain/ranking/tokenize';

const FIXTURE = path.join(__dirname, '../../fixtures/ranking/nudging_first240.csv');

describe('text features', () => {
  it('tokenize() lower-cases, drops stop words on request and adds n-grams within a field', () => {
    expect(tokenize('The Nudge of Doctors', { ngramMax: 1, stopWords: true })).toEqual(['nudge', 'doctors']);
    expect(tokenize('Default nudges work', { ngramMax: 2, stopWords: false })).toEqual([
      'default',
      'nudges',
      'work',
      'default nudges',
      'nudges work',
    ]);
  });

  it('buildTfidf() gives L2-normalised rows and smooth idf', () => {
    const { matrix } = buildTfidf(
      [
        { title: 'alpha beta', abstract: null, keywords: [] },
        { title: 'alpha gamma', abstract: null, keywords: ['delta'] },
      ],
      { ngramMax: 1, stopWords: false, minDf: 1, sublinearTf: false },
    );
    expect(matrix.rows).toBe(2);
    expect(matrix.cols).toBe(4);
    for (let r = 0; r < 2; r++) {
      let norm = 0;
      for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++) norm += matrix.data[k]! ** 2;
      expect(norm).toBeCloseTo(1, 6);
    }
    // row 0: alpha idf = ln(3/3)+1 = 1, beta idf = ln(3/2)+1; normalised ratio beta/alpha = idf ratio
    const row0 = Array.from(matrix.data.slice(matrix.indptr[0]!, matrix.indptr[1]!));
    expect(Math.max(...row0) / Math.min(...row0)).toBeCloseTo(Math.log(1.5) + 1, 5);
  });
});

describe('title weighting', () => {
  it('titleWeight counts title terms more than abstract terms', () => {
    const docs = [
      { title: 'alpha', abstract: 'beta', keywords: [] },
      { title: 'gamma', abstract: 'delta', keywords: [] },
    ];
    const base = { ngramMax: 1, stopWords: false, minDf: 1, sublinearTf: false };
    const plain = buildTfidf(docs, base).matrix;
    const weighted = buildTfidf(docs, { ...base, titleWeight: 3 }).matrix;
    // row 0 columns: alpha (title) then beta (abstract), equal idf
    expect(plain.data[0]).toBeCloseTo(plain.data[1]!, 6);
    expect(weighted.data[0]! / weighted.data[1]!).toBeCloseTo(3, 5);
  });
});

describe('class balancing', () => {
  it('double balance weighs the rare inclusions up and keeps the total weight', () => {
    const w = classWeights(2, 98, 'double');
    expect(w.include).toBeGreaterThan(1);
    expect(w.exclude).toBeLessThan(1);
    expect(2 * w.include + 98 * w.exclude).toBeCloseTo(100, 10);
  });

  it('weighted balance gives each class half the weight; none leaves 1', () => {
    expect(classWeights(10, 90, 'weighted')).toEqual({ include: 5, exclude: 100 / 180 });
    expect(classWeights(10, 90, 'none')).toEqual({ include: 1, exclude: 1 });
  });
});

describe.each<[string, RankerConfig]>([
  ['ASReview naive Bayes', ASREVIEW_NB],
  ['Sift naive Bayes', SIFT_NB],
  ['Sift logistic regression', SIFT_LR],
  ['ELAS u4', ELAS_U4],
  ['Sift default (SVM, naive Bayes when stalled)', SIFT_DEFAULT],
])('%s on a small labelled fixture (240 nudging records)', (_name, config) => {
  const data = readLabelledCsv(FIXTURE);
  const x = buildFeatures(data.docs, config);
  const rows = data.labels.map((_, i) => i);
  // Train on even rows, rank odd rows: held-out records the model never saw.
  const trainRows = rows.filter((r) => r % 2 === 0);
  const testRows = rows.filter((r) => r % 2 === 1);
  const model = train(
    x,
    trainRows.map((row) => ({ row, label: data.labels[row]! })),
    config,
  );

  it('ranks held-out inclusions far above chance (AUC > 0.75)', () => {
    const scores = scoreRows(model, x, testRows);
    const pos = testRows.map((r, i) => [data.labels[r], scores[i]!] as const);
    let wins = 0;
    let pairs = 0;
    for (const [lp, sp] of pos) {
      if (lp !== 1) continue;
      for (const [ln, sn] of pos) {
        if (ln !== 0) continue;
        pairs++;
        wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
      }
    }
    expect(pairs).toBeGreaterThan(0);
    expect(wins / pairs).toBeGreaterThan(0.75);
  });

  it('puts an inclusion it was trained on above an exclusion it was trained on', () => {
    const inc = trainRows.find((r) => data.labels[r] === 1)!;
    const exc = trainRows.find((r) => data.labels[r] === 0)!;
    expect(probability(model, x, inc)).toBeGreaterThan(probability(model, x, exc));
    expect(maxRelevanceOrder([exc, inc], scoreRows(model, x, [exc, inc]))).toEqual([inc, exc]);
  });
});

describe('train()', () => {
  it('refuses to train without both an include and an exclude', () => {
    const x = buildTfidf([{ title: 'a study', abstract: null, keywords: [] }], SIFT_NB.tfidf).matrix;
    expect(() => train(x, [{ row: 0, label: 1 }], SIFT_NB)).toThrow(/one include and one exclude/);
  });
});
