import type { RankDocument } from './document';
import type { SparseMatrix } from './sparse';
import { TermCounts } from './term-counts';
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
 * Exact ids for word n-grams: an n-gram is its first n − 1 words' term id plus its last
 * word's id, kept in an open-addressing table of typed arrays. Equal to keying by the joined
 * string (tokens hold no spaces) at a fraction of the memory — a Map of millions of pair
 * strings is what made an exact vocabulary cost gigabytes on 50,000 records.
 */
class GramTable {
  private prefix = new Int32Array(1 << 16);
  private last = new Int32Array(1 << 16);
  private id = new Int32Array(1 << 16).fill(-1);
  private size = 0;

  /** The n-gram's term id, or -1 when it is new (then `assign` must be called with the same pair). */
  find(prefix: number, last: number): number {
    const mask = this.id.length - 1;
    for (let i = slot(prefix, last) & mask; ; i = (i + 1) & mask) {
      const id = this.id[i] as number;
      if (id < 0 || (this.prefix[i] === prefix && this.last[i] === last)) return id;
    }
  }

  assign(prefix: number, last: number, id: number): void {
    if (2 * (this.size + 1) > this.id.length) this.grow();
    const mask = this.id.length - 1;
    let i = slot(prefix, last) & mask;
    while ((this.id[i] as number) >= 0) i = (i + 1) & mask;
    this.prefix[i] = prefix;
    this.last[i] = last;
    this.id[i] = id;
    this.size++;
  }

  private grow(): void {
    const { prefix, last, id } = this;
    this.prefix = new Int32Array(id.length * 2);
    this.last = new Int32Array(id.length * 2);
    this.id = new Int32Array(id.length * 2).fill(-1);
    this.size = 0;
    for (let i = 0; i < id.length; i++)
      if ((id[i] as number) >= 0) this.assign(prefix[i] as number, last[i] as number, id[i] as number);
  }
}

function slot(prefix: number, last: number): number {
  let h = Math.imul(prefix, 0x9e3779b1) ^ Math.imul(last + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** The texts as term ids: per text its distinct terms and counts, and each term's document frequency. */
interface ReadTerms {
  terms: number;
  df: Int32Array;
  rows: TermCounts;
}

/**
 * Reads the texts into term ids. The word map and the n-gram table live only here, so they
 * are garbage before the matrix is allocated.
 */
function* readTerms(
  texts: readonly string[],
  options: SklearnTfidfOptions,
  chunk: number,
): Generator<void, ReadTerms, void> {
  const wordIds = new Map<string, number>();
  const grams = new GramTable();
  let terms = 0;
  let df = new Int32Array(1 << 16);
  const rows = new TermCounts(texts.length);
  let scratch = new Int32Array(4096);
  let unigrams = new Int32Array(1024);
  let shorter = new Int32Array(1024);

  for (let d = 0; d < texts.length; d++) {
    if (d > 0 && d % chunk === 0) yield;
    const tokens = words(texts[d] as string, options.stopWords);
    const len = tokens.length;
    if (unigrams.length < len) {
      unigrams = new Int32Array(len * 2);
      shorter = new Int32Array(len * 2);
    }
    const need = len * options.ngramMax;
    if (scratch.length < need) scratch = new Int32Array(need * 2);
    let k = 0;
    for (let i = 0; i < len; i++) {
      const token = tokens[i] as string;
      let id = wordIds.get(token);
      if (id === undefined) wordIds.set(token, (id = terms++));
      unigrams[i] = id;
      scratch[k++] = id;
    }
    // n-grams of length n from those of length n − 1 (starting at the same word) plus one word.
    shorter.set(unigrams.subarray(0, len));
    for (let n = 2; n <= options.ngramMax; n++) {
      for (let i = 0; i + n <= len; i++) {
        const prefix = shorter[i] as number;
        const lastWord = unigrams[i + n - 1] as number;
        let id = grams.find(prefix, lastWord);
        if (id < 0) grams.assign(prefix, lastWord, (id = terms++));
        shorter[i] = id;
        scratch[k++] = id;
      }
    }
    if (terms > df.length) {
      const grown = new Int32Array(Math.max(terms, df.length * 2));
      grown.set(df);
      df = grown;
    }
    rows.addDocument(scratch.subarray(0, k), (id) => {
      df[id] = (df[id] as number) + 1;
    });
  }
  return { terms, df, rows };
}

/**
 * scikit-learn's TfidfVectorizer, term for term: lower-cased `\b\w\w+\b` tokens, word n-grams
 * over the whole text, an exact vocabulary (no hashing), terms kept when minDf ≤ df ≤ maxDf · n,
 * idf = ln((1 + n)/(1 + df)) + 1, tf or 1 + ln tf, rows L2-normalised, in double precision.
 * Columns follow the order in which terms first appear (per text: its words, then its pairs,
 * …), which only permutes scikit-learn's alphabetical columns. Yields after every `chunk`
 * texts, so a server can build it between requests.
 */
export function* sklearnTfidfSteps(
  texts: readonly string[],
  options: SklearnTfidfOptions,
  chunk = 1000,
): Generator<void, SparseMatrix, void> {
  const { terms, df, rows } = yield* readTerms(texts, options, chunk);
  const n = texts.length;
  const highest = options.maxDf * n;
  const column = new Int32Array(terms).fill(-1);
  const idfAll = new Float64Array(terms);
  let cols = 0;
  for (let id = 0; id < terms; id++) {
    const f = df[id] as number;
    if (f >= options.minDf && f <= highest) {
      column[id] = cols;
      idfAll[cols++] = Math.log((1 + n) / (1 + f)) + 1;
    }
  }
  const idf = idfAll.slice(0, cols);

  return rows.tfidfMatrix((id) => column[id] as number, idf, options.sublinearTf, Float64Array);
}

/** sklearnTfidfSteps() in one go. */
export function buildSklearnTfidf(texts: readonly string[], options: SklearnTfidfOptions): SparseMatrix {
  const steps = sklearnTfidfSteps(texts, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
