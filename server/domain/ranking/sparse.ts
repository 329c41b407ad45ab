/**
 * Compressed sparse rows: row r's non-zeros are indices/data[indptr[r] .. indptr[r+1]).
 * TF-IDF matrices are >99 % zeros, so every model works on this layout.
 */
export interface SparseMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  /** Float32 for Sift's own features (half the memory); Float64 where scikit-learn is replicated. */
  data: Float32Array | Float64Array;
  /**
   * Where a second feature block starts, when two feature sets sit side by side (an ensemble
   * whose naive Bayes reads other features than its SVM): columns before it are the first set.
   */
  secondBlock?: number;
}

/** Two matrices over the same rows side by side; the second's columns follow the first's. */
export function hstack(a: SparseMatrix, b: SparseMatrix): SparseMatrix {
  if (a.rows !== b.rows) throw new RangeError('hstack() needs matrices with the same rows');
  const nnz = a.indices.length + b.indices.length;
  const indptr = new Int32Array(a.rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let k = 0;
  for (let r = 0; r < a.rows; r++) {
    for (let i = a.indptr[r] as number; i < (a.indptr[r + 1] as number); i++, k++) {
      indices[k] = a.indices[i] as number;
      data[k] = a.data[i] as number;
    }
    for (let i = b.indptr[r] as number; i < (b.indptr[r + 1] as number); i++, k++) {
      indices[k] = a.cols + (b.indices[i] as number);
      data[k] = b.data[i] as number;
    }
    indptr[r + 1] = k;
  }
  return { rows: a.rows, cols: a.cols + b.cols, indptr, indices, data, secondBlock: a.cols };
}

/** Dot product of row `row` with a dense vector. */
export function rowDot(m: SparseMatrix, row: number, dense: Float64Array): number {
  let sum = 0;
  const end = m.indptr[row + 1] as number;
  for (let k = m.indptr[row] as number; k < end; k++)
    sum += (m.data[k] as number) * (dense[m.indices[k] as number] as number);
  return sum;
}

/** Adds `scale * row` into a dense accumulator. */
export function addRow(m: SparseMatrix, row: number, scale: number, into: Float64Array): void {
  const end = m.indptr[row + 1] as number;
  for (let k = m.indptr[row] as number; k < end; k++) {
    const j = m.indices[k] as number;
    into[j] = (into[j] as number) + scale * (m.data[k] as number);
  }
}

/** Builds a matrix from per-row (column → value) maps. */
export function fromRows(rows: ReadonlyArray<ReadonlyMap<number, number>>, cols: number): SparseMatrix {
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    const sorted = [...r.entries()].sort((a, b) => a[0] - b[0]);
    for (const [j, v] of sorted) {
      indices[k] = j;
      data[k] = v;
      k++;
    }
    indptr[i + 1] = k;
  });
  return { rows: rows.length, cols, indptr, indices, data };
}
