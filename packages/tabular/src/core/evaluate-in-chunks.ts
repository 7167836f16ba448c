/** `evaluateInChunks`: a tfjs function of rows run over a float64 matrix, a chunk of rows at a time, read back as float64. */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from './matrix.js';

/** Rows per forward pass (an exact-Shapley call evaluates 2^d × background rows per explained row). */
export const SCORE_CHUNK_ROWS = 65_536;

/**
 * `fn` on every row of `x`, `SCORE_CHUNK_ROWS` rows per call, with `width` outputs per row (`rows × width`, float64).
 * One float32 staging buffer serves every chunk (typed-array `set` converts without iterating in JS); each chunk's
 * input tensor is disposed before the buffer is refilled, so a backend that keeps the array (cpu) is safe. Leaves no
 * tensor behind.
 * @example const z = evaluateInChunks(x, 3, (t) => adapter.logits(t)); // rows × 3
 */
export function evaluateInChunks(
  x: Matrix,
  width: number,
  fn: (rows: tf.Tensor2D) => tf.Tensor,
): Float64Array {
  const d = x.cols;
  const out = new Float64Array(x.rows * width);
  const staging = new Float32Array(Math.min(SCORE_CHUNK_ROWS, x.rows) * d);
  for (let start = 0; start < x.rows; start += SCORE_CHUNK_ROWS) {
    const rows = Math.min(SCORE_CHUNK_ROWS, x.rows - start);
    const chunk = rows * d === staging.length ? staging : staging.subarray(0, rows * d);
    chunk.set(x.data.subarray(start * d, (start + rows) * d));
    const y = tf.tidy(() => fn(tf.tensor2d(chunk, [rows, d])));
    out.set(y.dataSync(), start * width);
    y.dispose();
  }
  return out;
}
