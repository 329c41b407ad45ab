import { documentFields, type RankDocument } from './document';
import { asreviewText, sklearnTfidfSteps } from './sklearn-tfidf';
import type { SparseMatrix } from './sparse';
import { TermCounts } from './term-counts';
import { words, type TokenizeOptions } from './tokenize';

export interface TfidfOptions extends TokenizeOptions {
  /** Drop terms found in fewer documents than this (1 keeps everything). */
  minDf: number;
  /** Use 1 + ln(tf) instead of raw counts, damping repeated words in long abstracts. */
  sublinearTf: boolean;
  /** Count title terms this many times (titles are short and dense with the topic). */
  titleWeight?: number;
  /** Drop terms found in more than this share of the records (default 1: keep all). */
  maxDf?: number;
  /**
   * `fields` (default): Sift's build below, title, abstract and keywords kept apart, word
   * n-grams hashed. `merged`: the same build over title + abstract as one text (word pairs run
   * across the join, as in ASReview), keywords apart. `asreview`: scikit-learn's TfidfVectorizer exactly as ASReview v2 feeds it
   * (title + " " + abstract, exact vocabulary; sklearn-tfidf.ts), for replicating its models.
   */
  text?: 'fields' | 'merged' | 'asreview';
}

export const DEFAULT_TFIDF: TfidfOptions = { ngramMax: 1, stopWords: true, minDf: 1, sublinearTf: false };

export interface TfidfFeatures {
  matrix: SparseMatrix;
  vocabularySize: number;
}

/**
 * N-grams longer than one word are hashed into 2^22 buckets (scikit-learn's HashingVectorizer
 * idea) instead of being kept in a dictionary: with bigrams a 50,000-record project has
 * millions of distinct pairs, and a map of them took most of the build time. Distinct
 * frequent pairs rarely share a bucket at this size; a shared bucket only merges two features.
 */
const GRAM_BITS = 22;
const GRAM_BASE = 1 << 30;

function gramBucket(ids: ArrayLike<number>, from: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = from; i < from + n; i++) {
    h = Math.imul(h ^ (ids[i] as number), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
  }
  h ^= h >>> 13;
  return h >>> (32 - GRAM_BITS);
}

function fieldsOf(doc: RankDocument, text: TfidfOptions['text']): string[] {
  const fields = documentFields(doc);
  if (text !== 'merged') return fields;
  return [`${fields[0] ?? ''} ${fields[1] ?? ''}`, '', fields[2] ?? ''];
}

/**
 * TF-IDF over title, abstract and keywords, as scikit-learn's TfidfVectorizer computes it
 * (smooth idf = ln((1+n)/(1+df)) + 1, rows L2-normalised), so results compare with ASReview.
 * N-grams never straddle two fields.
 */
export function buildTfidf(
  docs: readonly RankDocument[],
  options: TfidfOptions = DEFAULT_TFIDF,
): TfidfFeatures {
  const steps = tfidfSteps(docs, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build in steps: it yields after every `chunk` records, so a server can run the
 * build between requests (one step per event-loop turn) instead of stalling them for the
 * seconds a 50,000-record project takes.
 */
export function* tfidfSteps(
  docs: readonly RankDocument[],
  options: TfidfOptions = DEFAULT_TFIDF,
  chunk = 1000,
): Generator<void, TfidfFeatures, void> {
  if (options.text === 'asreview') {
    const matrix = yield* sklearnTfidfSteps(
      docs.map(asreviewText),
      { ...options, maxDf: options.maxDf ?? 1 },
      chunk,
    );
    return { matrix, vocabularySize: matrix.cols };
  }
  const wordIds = new Map<string, number>();
  let wordDf = new Int32Array(1 << 16);
  const gramDf = options.ngramMax > 1 ? new Int32Array(1 << GRAM_BITS) : new Int32Array(0);
  // Per document: sorted unique term ids (words < GRAM_BASE ≤ n-gram buckets) and counts.
  const rows = new TermCounts(docs.length);
  let scratch = new Int32Array(4096);

  for (let d = 0; d < docs.length; d++) {
    if (d > 0 && d % chunk === 0) yield;
    const doc = docs[d] as RankDocument;
    let len = 0;
    const push = (id: number) => {
      if (len === scratch.length) {
        const grown = new Int32Array(scratch.length * 2);
        grown.set(scratch);
        scratch = grown;
      }
      scratch[len++] = id;
    };
    fieldsOf(doc, options.text).forEach((field, f) => {
      if (!field) return;
      const repeat = f === 0 ? (options.titleWeight ?? 1) : 1;
      const ids = words(field, options.stopWords).map((w) => {
        let id = wordIds.get(w);
        if (id === undefined) wordIds.set(w, (id = wordIds.size));
        return id;
      });
      for (let r = 0; r < repeat; r++) {
        for (const id of ids) push(id);
        for (let n = 2; n <= options.ngramMax; n++) {
          for (let i = 0; i + n <= ids.length; i++) push(GRAM_BASE + gramBucket(ids, i, n));
        }
      }
    });
    if (wordIds.size > wordDf.length) {
      const grown = new Int32Array(Math.max(wordIds.size, wordDf.length * 2));
      grown.set(wordDf);
      wordDf = grown;
    }
    rows.addDocument(scratch.subarray(0, len), (id) => {
      if (id < GRAM_BASE) wordDf[id] = (wordDf[id] as number) + 1;
      else gramDf[id - GRAM_BASE] = (gramDf[id - GRAM_BASE] as number) + 1;
    });
  }

  // Keep terms with enough support; columns follow id order (words, then n-gram buckets),
  // so each document's sorted ids map to sorted columns.
  const n = docs.length;
  const wordColumn = new Int32Array(wordIds.size).fill(-1);
  const gramColumn = new Int32Array(gramDf.length).fill(-1);
  const idfList: number[] = [];
  const idfOf = (df: number) => Math.log((1 + n) / (1 + df)) + 1;
  const highest = (options.maxDf ?? 1) * n;
  for (let id = 0; id < wordIds.size; id++) {
    const f = wordDf[id] as number;
    if (f >= options.minDf && f <= highest) {
      wordColumn[id] = idfList.length;
      idfList.push(idfOf(f));
    }
  }
  for (let b = 0; b < gramDf.length; b++) {
    const f = gramDf[b] as number;
    if (f > 0 && f >= options.minDf && f <= highest) {
      gramColumn[b] = idfList.length;
      idfList.push(idfOf(f));
    }
  }
  const cols = idfList.length;
  const idf = Float64Array.from(idfList);
  const columnOf = (id: number) =>
    id < GRAM_BASE ? (wordColumn[id] as number) : (gramColumn[id - GRAM_BASE] as number);

  const matrix = rows.tfidfMatrix(columnOf, idf, options.sublinearTf, Float32Array);
  return { matrix, vocabularySize: cols };
}
