/**
 * X̃ᵀ·G for a CSR design with an intercept column (X̃ = [1, X]) and a dense G (n × k, row-major): the gradient
 * Σᵢ x̃ᵢ ⊗ gᵢ of k outputs. Per stored value x_ij one contiguous axpy of length k from row i of G into row 1 + j of
 * the (d+1) × k result (which stays in cache: 785 × 10 doubles for MNIST), so the cost is nnz·k multiply-adds.
 */
import type { SparseRows } from './sparse-rows.js';

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
  const { n, start, index, value } = rows;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) out[c] = out[c]! + g[o + c]!;
    for (let at = start[i]!, end = start[i + 1]!; at < end; at++) {
      const x = value[at]!;
      const base = (1 + index[at]!) * k;
      for (let c = 0; c < k; c++) out[base + c] = out[base + c]! + x * g[o + c]!;
    }
  }
  return out;
}
