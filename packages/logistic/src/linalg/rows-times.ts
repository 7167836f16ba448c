/**
 * X̃·V for a CSR design with an intercept column (X̃ = [1, X]) and a small dense V ((d+1) × k, row-major, row 0 =
 * the intercept's): the linear predictors of k outputs for every row, on {@link sparseTimesDense} (four stored
 * values per pass over an output row), so the cost is nnz·k multiply-adds and zeros cost nothing. Used for the softmax margins (V = the parameters) and for Hessian-vector products (V = the direction).
 */
import type { SparseRows } from './sparse-rows.js';
import { sparseTimesDense } from './sparse-times-dense.js';

/**
 * out[i·k + c] = V[c] + Σⱼ x_ij·V[(1 + j)·k + c]; `out` (`n × k`) is overwritten and returned.
 * @example rowsTimes(sparseRows(Float64Array.of(1, 2), 1, 2), Float64Array.of(10, 1, 1), 1) // [13]
 */
export function rowsTimes(
  rows: SparseRows,
  v: Float64Array,
  k: number,
  out: Float64Array = new Float64Array(rows.n * k),
): Float64Array {
  for (let i = 0, o = 0; i < rows.n; i++, o += k) for (let c = 0; c < k; c++) out[o + c] = v[c]!;
  sparseTimesDense(rows, v, k, 1, out);
  return out;
}
