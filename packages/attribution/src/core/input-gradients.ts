/**
 * Gradients of each row's target value with respect to that row, computed in chunks of at most `batchSize` rows so
 * that a large expanded batch (integrated gradients: steps × inputs) stays under a memory bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import { explainGradientError, type GraphHooks, type ImageModel } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';
import { checkHooks } from './check-hooks.js';
import { targetValues } from './target-values.js';

/** Gradients `[rows, ...input]` and the target values `[rows]` at the same points. */
export interface GradientsAndValues {
  readonly gradients: tf.Tensor;
  readonly values: tf.Tensor1D;
}

/** Options of {@link inputGradients}. */
export interface InputGradientOptions {
  /** Most rows per forward/backward pass. */
  readonly batchSize: number;
  /** Modified backward rules (guided backpropagation, DeepLIFT), passed to `ImageModel.execute`. */
  readonly hooks?: GraphHooks;
  /** The public function named when an op has no gradient (`explainGradientError`). Default `inputGradients`. */
  readonly caller?: string;
}

/** Calls `run(start, end)` for consecutive chunks of `[0, rows)` of at most `size` rows and concatenates each output. */
export function inChunks<T extends readonly tf.Tensor[]>(
  rows: number,
  size: number,
  run: (start: number, end: number) => T,
): T {
  const parts: tf.Tensor[][] = [];
  for (let start = 0; start < rows; start += size) parts.push([...run(start, Math.min(rows, start + size))]);
  if (parts.length === 1) return parts[0] as unknown as T;
  const joined = parts[0]!.map((_, k) => tf.concat(parts.map((p) => p[k]!)));
  for (const p of parts) for (const t of p) t.dispose();
  return joined as unknown as T;
}

/**
 * ∂ f_{target(owners[r])}(x_r) / ∂ x_r for every row r of `x`, and f at x_r.
 * @example const { gradients, values } = inputGradients(adapter, x, Int32Array.from([0]), targets, { batchSize: 64 });
 */
export function inputGradients(
  adapter: ImageModel,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  options: InputGradientOptions,
): GradientsAndValues {
  // Hooks that cannot run on this model fail here, not inside tf.grad (which would leak its saved tensors).
  if (options.hooks !== undefined) checkHooks(adapter, targets, options.hooks);
  const rows = x.shape[0]!;
  const [gradients, values] = inChunks(rows, options.batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = rows === end - start ? x : tf.slice(x, start, end - start);
      const own = owners.subarray(start, end);
      let kept: tf.Tensor1D | undefined;
      const f = (v: tf.Tensor) => {
        const values = targetValues(adapter, v, own, targets, options.hooks);
        kept = tf.keep(values);
        return tf.sum(values);
      };
      try {
        return [tf.grad(f)(chunk), kept!] as const;
      } catch (error) {
        kept?.dispose();
        throw explainGradientError(error, adapter, options.caller ?? 'inputGradients');
      }
    }),
  );
  return { gradients, values: values as tf.Tensor1D };
}
