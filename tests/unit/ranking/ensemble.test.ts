import { fitLinearSvc } from '../../../server/domain/ranking/linear-svc';
import { emptyCounts, addExample, fitNaiveBayes } from '../../../server/domain/ranking/naive-bayes';
import { seededRng } from '../../../server/domain/ranking/random';
import { ELAS_U4, Learner, type RankerConfig } from '../../../server/domain/ranking/ranker';
import { fromRows, hstack } from '../../../server/domain/ranking/sparse';
import { buildTfidf } from '../../../server/domain/ranking/tfidf';
import { buildFeatures } from '../../../server/domain/ranking/features';

const a = fromRows(
  [
    new Map([[0, 1]]),
    new Map([[1, 1]]),
    new Map([
      [0, 0.6],
      [1, 0.8],
    ]),
  ],
  2,
);
const b = fromRows([new Map([[0, 1]]), new Map([[0, 1]]), new Map([[1, 1]])], 2);
const examples = [
  { row: 0, label: 1 as const },
  { row: 1, label: 0 as const },
];

describe('two feature blocks side by side', () => {
  it("hstack() puts the second matrix's columns after the first's and marks where they start", () => {
    const m = hstack(a, b);
    expect(m.cols).toBe(4);
    expect(m.secondBlock).toBe(2);
    expect(Array.from(m.indices.slice(m.indptr[2]!, m.indptr[3]!))).toEqual([0, 1, 3]);
  });

  it('the SVM reads the first block only: the same fit as on that block alone', () => {
    const options = { c: 1, tol: 1e-12, maxIter: 10000 };
    const alone = fitLinearSvc(a, examples, { include: 1, exclude: 1 }, { ...options, rng: seededRng(1) });
    const both = fitLinearSvc(
      hstack(a, b),
      examples,
      { include: 1, exclude: 1 },
      { ...options, rng: seededRng(1) },
    );
    expect(Array.from(both.coef)).toEqual([...Array.from(alone.coef), 0, 0]);
    expect(both.intercept).toBeCloseTo(alone.intercept, 12);
  });

  it('naive Bayes from a column on reads only the columns from there', () => {
    const m = hstack(a, b);
    const counts = emptyCounts(m.cols);
    for (const e of examples) addExample(counts, m, e);
    const nb = fitNaiveBayes(counts, { include: 1, exclude: 1 }, 1, 2);
    expect(nb.coef[0]).toBe(0);
    expect(nb.coef[1]).toBe(0);
    // rows 0 and 1 share column 0 of the second block: it says nothing, log-odds 0
    expect(nb.coef[2]).toBeCloseTo(0, 12);
  });
});

describe('the stalled switch', () => {
  const docs = [
    { title: 'default nudges for physicians', abstract: 'prescribing defaults', keywords: [] },
    { title: 'soil erosion', abstract: 'river sediment', keywords: [] },
    { title: 'river basins', abstract: 'soil moisture', keywords: [] },
    { title: 'sediment cores', abstract: 'erosion rates', keywords: [] },
    { title: 'nudges in hospitals', abstract: 'default orders', keywords: [] },
  ];
  const config: RankerConfig = {
    ...ELAS_U4,
    tfidf: { ...ELAS_U4.tfidf, maxDf: 1 },
    svmWarmStart: true,
    nbTfidf: { ngramMax: 1, stopWords: false, minDf: 1, sublinearTf: true },
    nbAlpha: 1,
    nbWeight: 1,
    stallExcludes: 2,
  };
  const x = buildFeatures(docs, config);

  it('ranks by the SVM alone until that many excludes in a row, then adds naive Bayes', () => {
    const learner = new Learner(x, config);
    learner.add({ row: 0, label: 1 });
    learner.add({ row: 1, label: 0 });
    expect(learner.stalled).toBe(false);
    const svmOnly = learner.fit();
    expect(Array.from(svmOnly.coef.slice(x.secondBlock!)).every((v) => v === 0)).toBe(true);
    learner.add({ row: 2, label: 0 });
    expect(learner.stalled).toBe(true);
    const ensemble = learner.fit();
    expect(Array.from(ensemble.coef.slice(x.secondBlock!)).some((v) => v !== 0)).toBe(true);
    learner.add({ row: 4, label: 1 });
    expect(learner.stalled).toBe(false);
  });
});

describe("Sift's TF-IDF options", () => {
  const docs = [
    { title: 'Nudges', abstract: 'default options work', keywords: [] },
    { title: 'Defaults', abstract: 'options for nudges', keywords: [] },
  ];
  const base = { ngramMax: 2, stopWords: false, minDf: 1, sublinearTf: true };

  it('merged: word pairs run across title and abstract, as ASReview joins them', () => {
    const fields = buildTfidf(docs, base).matrix;
    const merged = buildTfidf(docs, { ...base, text: 'merged' }).matrix;
    // one more pair per record: "nudges default", "defaults options"
    expect(merged.indices.length).toBe(fields.indices.length + 2);
  });

  it('maxDf drops terms found in more than that share of the records', () => {
    const all = buildTfidf(docs, base).matrix;
    const some = buildTfidf(docs, { ...base, maxDf: 0.95 }).matrix;
    // "options" and "nudges" are in both records
    expect(all.cols - some.cols).toBe(2);
  });
});
