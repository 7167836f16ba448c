/**
 * Interventional coalition values of one row: v(z) = (1/|B|) Σ_b f(x_z, b_¬z), every masked row of a chunk of
 * coalitions built into one Matrix and evaluated in one call.
 */
import type { ExplainedFunction } from '../../core/explained-output.js';
import type { Matrix } from '../../core/matrix.js';

/** Most rows (coalitions × background rows) built and evaluated at once. */
export const MASKED_CHUNK_ROWS = 131_072;

/**
 * v(z_k) for each of the `count` masks (`masks[k * d + j]` = 1: feature j from `row`, else from the background).
 * @example maskedValues(f, rowOf(x, 0), background, Uint8Array.of(1, 0), 1)[0] // E_b f(x₀, b₁)
 */
export function maskedValues(
  f: ExplainedFunction,
  row: ArrayLike<number>,
  background: Matrix,
  masks: Uint8Array,
  count: number,
): Float64Array {
  const d = background.cols;
  const n = background.rows;
  const values = new Float64Array(count);
  const perChunk = Math.max(1, Math.floor(MASKED_CHUNK_ROWS / n));
  for (let start = 0; start < count; start += perChunk) {
    const end = Math.min(count, start + perChunk);
    const data = new Float64Array((end - start) * n * d);
    for (let k = start; k < end; k++) {
      const offset = (k - start) * n * d;
      data.set(background.data, offset);
      for (let j = 0; j < d; j++) {
        if (masks[k * d + j] !== 1) continue;
        const value = row[j]!;
        for (let b = 0; b < n; b++) data[offset + b * d + j] = value;
      }
    }
    const out = f.evaluate({ data, rows: (end - start) * n, cols: d });
    for (let k = start; k < end; k++) {
      let sum = 0;
      for (let b = 0; b < n; b++) sum += out[(k - start) * n + b]!;
      values[k] = sum / n;
    }
  }
  return values;
}
