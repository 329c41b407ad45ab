import type { SparseMatrix } from './sparse';

/**
 * Per document, its distinct term ids in increasing order with how often each occurs, appended
 * to growing typed arrays: the rows of a term-count matrix before its columns are chosen (the
 * TF-IDF builds learn document frequencies first, then drop terms and number the columns).
 */
export class TermCounts {
  termBuf = new Int32Array(1 << 20);
  countBuf = new Int32Array(1 << 20);
  /** Document d's entries are [docStart[d], docStart[d + 1]). */
  readonly docStart: Int32Array;
  private used = 0;
  private docs = 0;

  constructor(documents: number) {
    this.docStart = new Int32Array(documents + 1);
  }

  /** Entries so far. */
  get size(): number {
    return this.used;
  }

  /** Adds the next document's term ids (sorted in place); `seen` is called once per distinct id. */
  addDocument(ids: Int32Array, seen: (id: number) => void): void {
    const len = ids.length;
    const sorted = ids.sort();
    if (this.used + len > this.termBuf.length) {
      const size = Math.max(this.used + len, this.termBuf.length * 2);
      const t = new Int32Array(size);
      t.set(this.termBuf);
      this.termBuf = t;
      const c = new Int32Array(size);
      c.set(this.countBuf);
      this.countBuf = c;
    }
    for (let i = 0; i < len;) {
      const id = sorted[i] as number;
      let j = i + 1;
      while (j < len && sorted[j] === id) j++;
      this.termBuf[this.used] = id;
      this.countBuf[this.used] = j - i;
      this.used++;
      seen(id);
      i = j;
    }
    this.docStart[++this.docs] = this.used;
  }

  /**
   * The TF-IDF matrix of these rows: tf (or 1 + ln tf) × idf over the kept terms (`column(id)`
   * is a term's column, negative when it is dropped), each row L2-normalised, the values stored
   * in `precision` (the norm is taken before they are rounded to it).
   */
  tfidfMatrix(
    column: (id: number) => number,
    idf: Float64Array,
    sublinearTf: boolean,
    precision: Float32ArrayConstructor | Float64ArrayConstructor,
  ): SparseMatrix {
    const { termBuf, countBuf, docStart } = this;
    const n = this.docs;
    let nnz = 0;
    for (let t = 0; t < this.used; t++) if (column(termBuf[t] as number) >= 0) nnz++;
    const indptr = new Int32Array(n + 1);
    const indices = new Int32Array(nnz);
    const data = new precision(nnz);
    let k = 0;
    for (let d = 0; d < n; d++) {
      const rowStart = k;
      let norm = 0;
      for (let t = docStart[d] as number; t < (docStart[d + 1] as number); t++) {
        const c = column(termBuf[t] as number);
        if (c < 0) continue;
        const tf = countBuf[t] as number;
        const weight = (sublinearTf ? 1 + Math.log(tf) : tf) * (idf[c] as number);
        indices[k] = c;
        data[k] = weight;
        norm += weight * weight;
        k++;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 1;
      for (let t = rowStart; t < k; t++) data[t] = (data[t] as number) * inv;
      indptr[d + 1] = k;
    }
    return { rows: n, cols: idf.length, indptr, indices, data };
  }
}
