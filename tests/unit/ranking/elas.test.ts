import fs from 'node:fs';
import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { balancedWeights, classWeights } from '../../../server/domain/ranking/balance';
import { logOdds } from '../../../server/domain/ranking/linear-model';
import { fitLinearSvc } from '../../../server/domain/ranking/linear-svc';
import { seededRng } from '../../../server/domain/ranking/random';
import { ELAS_U4, modelVersion } from '../../../server/domain/ranking/ranker';
import { asreviewText, buildSklearnTfidf } from '../../../server/domain/ranking/sklearn-tfidf';
import { fromRows } from '../../../server/domain/ranking/sparse';
import { buildTfidf } from '../../../server/domain/ranking/tfidf';

const FIXTURES = path.join(__dirname, '../../fixtures/ranking');

describe("ASReview v2's balanced sample weights", () => {
  it('weigh all exclusions together 1/ratio of all inclusions, summing to n', () => {
    // 5 inclusions, 95 exclusions, ratio 9.8: exclusion 5/(9.8·95) before scaling; scale
    // 100 / (5 + 5/9.8) = 18.148…
    const w = balancedWeights(5, 95, 9.8);
    expect(5 * w.include + 95 * w.exclude).toBeCloseTo(100, 9);
    expect((5 * w.include) / (95 * w.exclude)).toBeCloseTo(9.8, 9);
    expect(w.include).toBeCloseTo(100 / (5 + 5 / 9.8), 9);
    expect(classWeights(5, 95, 'balanced', undefined, 9.8)).toEqual(w);
    // ratio 1 is scikit-learn's class_weight="balanced"
    expect(balancedWeights(10, 90, 1)).toEqual(classWeights(10, 90, 'weighted'));
  });
});

describe('fitLinearSvc()', () => {
  it('solves the L2-loss SVM dual: a separable pair sits on the margin', () => {
    // Two examples x = (1) and x = (−1), labels 1 and 0, huge C: with the intercept as a
    // constant feature the margin solution is w = 1, b = 0 (w·x + b = ±1).
    const x = fromRows([new Map([[0, 1]]), new Map([[0, -1]])], 1);
    const fit = fitLinearSvc(
      x,
      [
        { row: 0, label: 1 },
        { row: 1, label: 0 },
      ],
      { include: 1, exclude: 1 },
      { c: 1e9, tol: 1e-12, maxIter: 10000, rng: seededRng(1) },
    );
    expect(fit.coef[0]).toBeCloseTo(1, 6);
    expect(fit.intercept).toBeCloseTo(0, 6);
  });
});

describe('ELAS u4 in TypeScript against scikit-learn 1.2.1', () => {
  const data = readLabelledCsv(path.join(FIXTURES, 'nudging_first240.csv'));
  // Written by `npx tsx scripts/bench/verify-elas.ts --write-fixture` (scripts/bench/asreview-reference.py).
  const reference = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'elas_u4_sklearn_decision.json'), 'utf8'),
  ) as { vocabulary: number; decision: number[] };
  const x = buildTfidf(data.docs, ELAS_U4.tfidf).matrix;

  it('builds the same TF-IDF vocabulary as TfidfVectorizer(ngram_range=(1, 2), max_df=0.95)', () => {
    expect(x.cols).toBe(reference.vocabulary);
  });

  it('gives the same decision function as LinearSVC(C=0.11) with Balanced(ratio=9.8) weights (1e-6)', () => {
    const train = data.labels.map((_, i) => i).filter((i) => i % 2 === 0);
    const examples = train.map((row) => ({ row, label: data.labels[row]! }));
    const ones = examples.filter((e) => e.label === 1).length;
    const fit = fitLinearSvc(x, examples, balancedWeights(ones, examples.length - ones, 9.8), {
      c: ELAS_U4.svmC,
      tol: 1e-10,
      maxIter: 100000,
      rng: seededRng(3),
    });
    data.labels.forEach((_, row) => {
      expect(Math.abs(logOdds(fit, x, row) - reference.decision[row]!)).toBeLessThan(1e-6);
    });
  });

  it('joins title and abstract with a space as TextMerger does, empty and NA cells as ""', () => {
    expect(asreviewText({ title: 'Nudges', abstract: null, keywords: ['kw'] })).toBe('Nudges ');
    expect(asreviewText({ title: 'NA', abstract: 'default options', keywords: [] })).toBe(' default options');
    // word pairs run across the join: "nudges default" is a feature
    const m = buildSklearnTfidf(['Nudges default', 'other text'], {
      ngramMax: 2,
      minDf: 1,
      maxDf: 1,
      sublinearTf: true,
      stopWords: false,
    });
    expect(m.cols).toBe(6);
    expect(modelVersion(ELAS_U4)).toBe('svm-c0.11-balanced9.8-ng2df1smax0.95-ta');
  });
});
