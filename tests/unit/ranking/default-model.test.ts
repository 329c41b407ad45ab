import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { buildFeatures } from '../../../server/domain/ranking/features';
import { ELAS_U4, SIFT_DEFAULT, modelVersion } from '../../../server/domain/ranking/ranker';
import { buildSklearnTfidf } from '../../../server/domain/ranking/sklearn-tfidf';
import { simulateRun } from '../../../server/domain/ranking/simulate';

const FIXTURES = path.join(__dirname, '../../fixtures/ranking');

/** Index in a screening order of the decision that makes `run` excludes in a row (-1 if none does). */
function streakReached(order: ReadonlyArray<0 | 1>, run: number): number {
  let streak = 0;
  for (let i = 0; i < order.length; i++) {
    streak = order[i] === 1 ? 0 : streak + 1;
    if (streak === run) return i;
  }
  return -1;
}

describe("Sift's default is ELAS u4 until its ranking stalls", () => {
  it('reads exactly the features ELAS u4 reads (scikit-learn TF-IDF over title + abstract), naive Bayes beside them', () => {
    const data = readLabelledCsv(path.join(FIXTURES, 'nudging_first240.csv'));
    const elas = buildFeatures(data.docs, ELAS_U4);
    const sift = buildFeatures(data.docs, SIFT_DEFAULT);
    expect(sift.secondBlock).toBe(elas.cols);
    for (let row = 0; row < elas.rows; row++) {
      const from = sift.indptr[row]!;
      const width = elas.indptr[row + 1]! - elas.indptr[row]!;
      expect(Array.from(sift.indices.subarray(from, from + width))).toEqual(
        Array.from(elas.indices.subarray(elas.indptr[row], elas.indptr[row + 1])),
      );
      expect(Array.from(sift.data.subarray(from, from + width))).toEqual(
        Array.from(elas.data.subarray(elas.indptr[row], elas.indptr[row + 1])),
      );
      // the rest of the row is naive Bayes' own block
      const rest = Array.from(sift.indices.subarray(from + width, sift.indptr[row + 1]));
      expect(rest.every((c) => c >= elas.cols)).toBe(true);
    }
  });

  it('screens in the same order as ELAS u4, seed for seed, up to the 150th exclude in a row', () => {
    const data = readLabelledCsv(path.join(FIXTURES, 'nudging_first240.csv'));
    const elasX = buildFeatures(data.docs, ELAS_U4);
    const siftX = buildFeatures(data.docs, SIFT_DEFAULT);
    for (const seed of [1, 2]) {
      const elas = simulateRun(elasX, data.labels, ELAS_U4, seed).labels;
      const sift = simulateRun(siftX, data.labels, SIFT_DEFAULT, seed).labels;
      const stall = streakReached(elas, SIFT_DEFAULT.stallExcludes!);
      const same = stall < 0 ? elas.length : stall + 1;
      expect(sift.slice(0, same)).toEqual(elas.slice(0, same));
    }
  });

  it('is named by what it is: ELAS u4 plus the stalled switch', () => {
    expect(modelVersion(SIFT_DEFAULT)).toBe('svm-c0.11-stall150a1w1-nbng2df3s-balanced9.8-ng2df1smax0.95-ta');
    expect(SIFT_DEFAULT.svmWarmStart).toBe(false);
  });
});

describe("scikit-learn's TF-IDF without string keys for word n-grams", () => {
  it('keeps every n-gram apart: a trigram is its two first words plus the third, never a hash bucket', () => {
    // "red fox red fox" and "red fox jumps": words, pairs and triples, raw tf, smooth idf.
    const m = buildSklearnTfidf(['red fox red fox', 'Red fox jumps'], {
      ngramMax: 3,
      minDf: 1,
      maxDf: 1,
      sublinearTf: false,
      stopWords: false,
    });
    // red, fox, "red fox", "fox red", "red fox red", "fox red fox"; then jumps, "fox jumps", "red fox jumps"
    expect(m.cols).toBe(9);
    const rare = Math.log(3 / 2) + 1; // idf of a term in one of two records; in both: 1
    const first = [2, 2, 2, rare, rare, rare];
    const norm = Math.hypot(...first);
    expect(Array.from(m.indices.subarray(0, 6))).toEqual([0, 1, 2, 3, 4, 5]);
    first.forEach((v, k) => expect(m.data[k]).toBeCloseTo(v / norm, 12));
    const second = [1, 1, 1, rare, rare, rare];
    expect(Array.from(m.indices.subarray(6))).toEqual([0, 1, 2, 6, 7, 8]);
    second.forEach((v, k) => expect(m.data[6 + k]).toBeCloseTo(v / Math.hypot(...second), 12));
  });

  it('drops the terms found in more than max_df of the records, and those below min_df', () => {
    const options = { ngramMax: 2, minDf: 1, maxDf: 0.5, sublinearTf: true, stopWords: false };
    // in both records: red, fox, "red fox"; left: "fox red", jumps, "fox jumps"
    expect(buildSklearnTfidf(['red fox red fox', 'red fox jumps'], options).cols).toBe(3);
    expect(
      buildSklearnTfidf(['red fox red fox', 'red fox jumps'], { ...options, minDf: 2, maxDf: 1 }).cols,
    ).toBe(3);
  });
});
