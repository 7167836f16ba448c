/**
 * X̃ᵀ·G for a CSR design with an intercept column (X̃ = [1, X]) and a dense G (n × k, row-major): the gradient
 * Σᵢ x̃ᵢ ⊗ gᵢ of k outputs: the columns of X (its CSR transpose, built once per design and cached) times G on
 * {@link sparseTimesDense}, so each result row is accumulated in place from its column's nonzeros; nnz·k
 * multiply-adds.
 */
import { transposeRows, type SparseRows } from './sparse-rows.js';
import { sparseTimesDense } from './sparse-times-dense.js';

/**
 * out[c] = Σᵢ G[i·k + c] and out[(1 + j)·k + c] = Σᵢ x_ij·G[i·k + c]; `out` ((d+1) × k) is overwritten and returned.
 * @example rowsTransposeTimes(sparseRows(Float64Array.of(1, 2), 1, 2), Float64Array.of(3), 1) // [3, 3, 6]
 */
export function rowsTransposeTimes(
  rows: SparseRows,
  g: Float64Array,
  k: number,
  out: Float64Array = new Float64Array((rows.d + 1) * k),
): Float64Array {
  out.fill(0);
  for (let i = 0, o = 0; i < rows.n; i++, o += k) for (let c = 0; c < k; c++) out[c] = out[c]! + g[o + c]!;
  sparseTimesDense(transposeRows(rows), g, k, 0, out.subarray(k));
  return out;
}
