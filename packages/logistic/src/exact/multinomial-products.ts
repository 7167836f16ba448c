/**
 * The two products Newton-CG spends its time in, X̃·V (n × K) and X̃ᵀ·G ((d+1) × K), on the CSR kernels: directly,
 * or split over a {@link RowPool} (X̃·V by row blocks, X̃ᵀ·G by feature blocks of the CSC transpose). Each output
 * row is computed by the same code from the same values in either case and nothing is reduced across threads, so
 * the results are bit-identical for any thread count. The pool pays off from about POOL_MIN_WORK = 1e6
 * multiply-adds per product (MNIST 2,000 rows: 3e6).
 */
import { blocks, rowPool, sharedFloat64, sharedInt32 } from '../linalg/row-pool.js';
import type { PoolTask, SharedArrays } from '../linalg/pool-kernels.js';
import { rowsTimes } from '../linalg/rows-times.js';
import { rowsTransposeTimes } from '../linalg/rows-transpose-times.js';
import { transposeRows, type SparseRows } from '../linalg/sparse-rows.js';

/** Products below this many multiply-adds (nnz·K) stay on the calling thread. */
export const POOL_MIN_WORK = 1e6;
const PARTS = 16;

/** X̃·V into `out` (n × K) and X̃ᵀ·G (returned, (d+1) × K). */
export interface MultinomialProducts {
  times(v: Float64Array, out: Float64Array): Float64Array;
  transposeTimes(g: Float64Array): Float64Array;
}

/**
 * Products for `rows` with K outputs on `threads` threads (default: the cores; 1 = no pool).
 * @example multinomialProducts(sparseRows(x, n, d), 10, 2).transposeTimes(residuals)
 */
export function multinomialProducts(rows: SparseRows, K: number, threads?: number): MultinomialProducts {
  const pool = rows.value.length * K >= POOL_MIN_WORK && threads !== 1 ? rowPool(threads) : undefined;
  if (!pool || pool.threads === 1)
    return {
      times: (v, out) => rowsTimes(rows, v, K, out),
      transposeTimes: (g) => rowsTransposeTimes(rows, g, K),
    };
  const { n, d } = rows;
  const cols = transposeRows(rows);
  const arrays: SharedArrays = {
    rowStart: sharedInt32(rows.start),
    rowIndex: sharedInt32(rows.index),
    rowValue: sharedFloat64(rows.value.length, rows.value),
    colStart: sharedInt32(cols.start),
    colIndex: sharedInt32(cols.index),
    colValue: sharedFloat64(cols.value.length, cols.value),
    v: sharedFloat64((d + 1) * K),
    g: sharedFloat64(n * K),
    out: sharedFloat64(n * K),
    outT: sharedFloat64((d + 1) * K),
    scalars: sharedFloat64(4, [d, K, 0, 0]),
  };
  const f = (name: string) => arrays[name] as Float64Array;
  const rowTasks: PoolTask[] = blocks(n, PARTS).map(([from, to], slot) => ({
    kernel: 'rows-times',
    from,
    to,
    slot,
  }));
  const colTasks: PoolTask[] = blocks(d, PARTS).map(([from, to], slot) => ({
    kernel: 'columns-times',
    from,
    to,
    slot,
  }));
  return {
    times(v, out) {
      pool.share(arrays);
      f('v').set(v);
      pool.run(rowTasks);
      out.set(f('out'));
      return out;
    },
    transposeTimes(g) {
      pool.share(arrays);
      f('g').set(g);
      pool.run(colTasks);
      const result = f('outT').slice();
      // The intercept row: column sums of G, in row order (as rowsTransposeTimes).
      result.fill(0, 0, K);
      for (let i = 0, o = 0; i < n; i++, o += K)
        for (let c = 0; c < K; c++) result[c] = result[c]! + g[o + c]!;
      return result;
    },
  };
}
