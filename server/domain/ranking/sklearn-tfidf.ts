import type { RankDocument } from './document';
import type { SparseMatrix } from './sparse';
import { words } from './tokenize';

/** The parameters of scikit-learn's TfidfVectorizer that ASReview's configurations set. */
export interface SklearnTfidfOptions {
  ngramMax: number;
  /** Keep terms found in at least this many records. */
  minDf: number;
  /** Drop terms found in more than this share of the records (1 keeps all). */
  maxDf: number;
  sublinearTf: boolean;
  stopWords: boolean;
}

// pandas.read_csv turns these whole cells into NaN, which ASReview's TextMerger fills with "".
const PANDAS_NA = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

function cell(value: string | null): string {
  return value === null || PANDAS_NA.has(value.trim()) ? '' : value;
}

/**
 * The text ASReview v2 vectorises (asreview/models/feature_extractors.py, TextMerger):
 * title and abstract joined by one space, so word pairs run across the join; no keywords.
 */
export function asreviewText(doc: RankDocument): string {
  return `${cell(doc.title)} ${cell(doc.abstract)}`;
}

/**
 * scikit-learn's TfidfVectorizer, term for term: lower-cased `\b\w\w+\b` tokens, word n-grams
 * joined by a space over the whole text, an exact vocabulary (no hashing), terms kept when
 * minDf ≤ df ≤ maxDf · n, idf = ln((1 + n)/(1 + df)) + 1, tf or 1 + ln tf, rows L2-normalised,
 * in double precision. The reference for ASReview's models; Sift's own build is tfidf.ts.
 */
export function buildSklearnTfidf(texts: readonly string[], options: SklearnTfidfOptions): SparseMatrix {
  const vocabulary = new Map<string, number>();
  const df: number[] = [];
  const docTerms: Array<Map<number, number>> = [];
  for (const text of texts) {
    const tokens = words(text, options.stopWords);
    const counts = new Map<number, number>();
    for (let n = 1; n <= options.ngramMax; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const term = n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(' ');
        let id = vocabulary.get(term);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(term, id);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    for (const id of counts.keys()) df[id] = (df[id] as number) + 1;
    docTerms.push(counts);
  }

  const n = texts.length;
  const highest = options.maxDf * n;
  const column = new Int32Array(df.length).fill(-1);
  const idf: number[] = [];
  df.forEach((f, id) => {
    if (f >= options.minDf && f <= highest) {
      column[id] = idf.length;
      idf.push(Math.log((1 + n) / (1 + f)) + 1);
    }
  });

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  docTerms.forEach((counts, d) => {
    const row: Array<[number, number]> = [];
    for (const [id, tf] of counts) {
      const c = column[id] as number;
      if (c >= 0) row.push([c, (options.sublinearTf ? 1 + Math.log(tf) : tf) * (idf[c] as number)]);
    }
    row.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, v] of row) norm += v * v;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (const [c, v] of row) {
      indices.push(c);
      data.push(v * inv);
    }
    indptr[d + 1] = indices.length;
  });
  return {
    rows: n,
    cols: idf.length,
    indptr,
    indices: Int32Array.from(indices),
    data: Float64Array.from(data),
  };
}
