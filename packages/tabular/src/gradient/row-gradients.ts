/** f and ∇f for many rows at once: the batched gradient pass that integrated and expected gradients share. */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from '../core/matrix.js';

/** Rows per `tf.valueAndGrad` call; a chunk's activations (rows × widest layer, float32) stay small. */
export const GRADIENT_CHUNK_ROWS = 8192;

/** Per-row values `[rows]` and input gradients `[rows × cols]`, both float64 copies of float32 results. */
export interface RowGradients {
  readonly values: Float64Array;
  readonly gradients: Float64Array;
}

/**
 * f(points) and ∇f(points) row by row: f maps `[n, d] → [n]` with rows independent, so the gradient of Σ_r f(row r)
 * with respect to row r is ∇f(row r). One `tf.valueAndGrad` (with dy = 1) per chunk of {@link GRADIENT_CHUNK_ROWS}
 * rows; leaves no tensor behind, also when `tensor` throws (its error is rethrown).
 * @example const { gradients } = rowGradients(f.tensor!, points);
 */
export function rowGradients(tensor: (x: tf.Tensor2D) => tf.Tensor1D, points: Matrix): RowGradients {
  const d = points.cols;
  const values = new Float64Array(points.rows);
  const gradients = new Float64Array(points.rows * d);
  // tfjs keeps the tensors a forward pass saves for backprop until the backward pass runs, so an f that throws under
  // `valueAndGrad` would leak them: catch the error, finish the pass on a stand-in output, then rethrow.
  let failure: { error: unknown } | undefined;
  const valueAndGrad = tf.valueAndGrad((x: tf.Tensor) => {
    try {
      return tensor(x as tf.Tensor2D);
    } catch (error) {
      failure = { error };
      return tf.sum(x, 1);
    }
  });
  for (let start = 0; start < points.rows; start += GRADIENT_CHUNK_ROWS) {
    const rows = Math.min(GRADIENT_CHUNK_ROWS, points.rows - start);
    const chunk = Float32Array.from(points.data.subarray(start * d, (start + rows) * d));
    const [value, grad] = tf.tidy(() => {
      const result = valueAndGrad(tf.tensor2d(chunk, [rows, d]), tf.ones([rows]));
      return [result.value, result.grad];
    });
    try {
      if (failure !== undefined) throw failure.error;
      values.set(value.dataSync(), start);
      gradients.set(grad.dataSync(), start * d);
    } finally {
      value.dispose();
      grad.dispose();
    }
  }
  return { values, gradients };
}
