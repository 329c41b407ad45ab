import { documentFields, type RankDocument } from './document';
import type { SparseMatrix } from './sparse';
import { tokenize, type TokenizeOptions } from './tokenize';

export interface TfidfOptions extends TokenizeOptions {
  /** Drop terms found in fewer documents than this (1 keeps everything). */
  minDf: number;
  /** Use 1 + ln(tf) instead of raw counts, damping repeated words in long abstracts. */
  sublinearTf: boolean;
}

export const DEFAULT_TFIDF: TfidfOptions = { ngramMax: 1, stopWords: true, minDf: 1, sublinearTf: false };

export interface TfidfFeatures {
  matrix: SparseMatrix;
  vocabularySize: number;
}

/**
 * TF-IDF over title, abstract and keywords, as scikit-learn's TfidfVectorizer computes it
 * (smooth idf = ln((1+n)/(1+df)) + 1, rows L2-normalised), so results compare with ASReview.
 */
export function buildTfidf(
  docs: readonly RankDocument[],
  options: TfidfOptions = DEFAULT_TFIDF,
): TfidfFeatures {
  const vocabulary = new Map<string, number>();
  let df = new Int32Array(1024);
  const counts: Map<number, number>[] = [];

  for (const doc of docs) {
    const rowCounts = new Map<number, number>();
    for (const field of documentFields(doc)) {
      if (!field) continue;
      for (const term of tokenize(field, options)) {
        let id = vocabulary.get(term);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(term, id);
          if (id >= df.length) {
            const grown = new Int32Array(df.length * 2);
            grown.set(df);
            df = grown;
          }
        }
        const seen = rowCounts.get(id);
        if (seen === undefined) df[id] = (df[id] as number) + 1;
        rowCounts.set(id, (seen ?? 0) + 1);
      }
    }
    counts.push(rowCounts);
  }

  // Keep terms with enough support and give them dense column numbers.
  const column = new Int32Array(vocabulary.size).fill(-1);
  let cols = 0;
  for (let id = 0; id < vocabulary.size; id++) if ((df[id] as number) >= options.minDf) column[id] = cols++;
  const idf = new Float64Array(cols);
  const n = docs.length;
  for (let id = 0; id < vocabulary.size; id++) {
    const c = column[id] as number;
    if (c >= 0) idf[c] = Math.log((1 + n) / (1 + (df[id] as number))) + 1;
  }

  let nnz = 0;
  for (const row of counts) for (const id of row.keys()) if ((column[id] as number) >= 0) nnz++;
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let k = 0;
  counts.forEach((row, r) => {
    const entries: [number, number][] = [];
    for (const [id, tf] of row) {
      const c = column[id] as number;
      if (c < 0) continue;
      const weight = (options.sublinearTf ? 1 + Math.log(tf) : tf) * (idf[c] as number);
      entries.push([c, weight]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, w] of entries) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [c, w] of entries) {
      indices[k] = c;
      data[k] = w / norm;
      k++;
    }
    indptr[r + 1] = k;
  });

  return { matrix: { rows: n, cols, indptr, indices, data }, vocabularySize: cols };
}
