/**
 * A row-major design in compressed sparse rows (CSR): each row's nonzero columns and values. Products with it skip
 * the zeros, which is most of an image design (MNIST: ~19% of the 784 pixels are nonzero, so X·V and Xᵀ·G cost ~5×
 * less than dense); on a dense design the index costs one extra load per value. Built once per design, O(n·d).
 */

/** CSR of an `n × d` row-major matrix: row i's entries are `index[start[i] … start[i+1])` with their `value`. */
export interface SparseRows {
  readonly n: number;
  readonly d: number;
  /** `n + 1` offsets into `index` / `value`. */
  readonly start: Int32Array;
  /** Column of each stored value. */
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/**
 * The nonzeros of `x` (`n × d`, row-major) by row.
 * @example sparseRows(Float64Array.of(0, 2, 3, 0), 2, 2) // start [0, 1, 2], index [1, 0], value [2, 3]
 */
export function sparseRows(x: Float64Array, n: number, d: number): SparseRows {
  let count = 0;
  for (let i = 0; i < n * d; i++) if (x[i] !== 0) count++;
  const start = new Int32Array(n + 1);
  const index = new Int32Array(count);
  const value = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = x[row + j]!;
      if (v !== 0) {
        index[at] = j;
        value[at++] = v;
      }
    }
    start[i + 1] = at;
  }
  return { n, d, start, index, value };
}

/**
 * The same pattern with every value squared (for diagonals such as Σᵢ xᵢⱼ² wᵢ).
 * @example squaredRows(sparseRows(Float64Array.of(0, 2, 3, 0), 2, 2)).value // [4, 9]
 */
export function squaredRows(rows: SparseRows): SparseRows {
  return { ...rows, value: rows.value.map((v) => v * v) };
}

const TRANSPOSES = new WeakMap<SparseRows, SparseRows>();

/**
 * The transpose as CSR (= the columns of `rows`: n = d rows whose entries index the original rows), built once per
 * `rows` object (counting sort by column, O(nnz)) and cached.
 * @example transposeRows(sparseRows(Float64Array.of(0, 2, 3, 0), 2, 2)).index // [1, 0]
 */
export function transposeRows(rows: SparseRows): SparseRows {
  const cached = TRANSPOSES.get(rows);
  if (cached) return cached;
  const { n, d } = rows;
  const start = new Int32Array(d + 1);
  for (let at = 0; at < rows.index.length; at++) start[rows.index[at]! + 1]! += 1;
  for (let j = 0; j < d; j++) start[j + 1] = start[j + 1]! + start[j]!;
  const next = start.slice(0, d);
  const index = new Int32Array(rows.index.length);
  const value = new Float64Array(rows.index.length);
  for (let i = 0; i < n; i++)
    for (let at = rows.start[i]!; at < rows.start[i + 1]!; at++) {
      const q = next[rows.index[at]!]!++;
      index[q] = i;
      value[q] = rows.value[at]!;
    }
  const transposed = { n: d, d: n, start, index, value };
  TRANSPOSES.set(rows, transposed);
  return transposed;
}
