/**
 * The engine of the perturbation methods: the target value of many perturbed copies of every input, each copy the
 * input where a keep mask is 1 and the baseline where it is 0, built as tensor ops one chunk of rows at a time (one
 * forward pass per chunk, never one per perturbation).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';
import { makeBaseline, type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import { inChunks } from '../core/input-gradients.js';
import type { ResolvedTarget } from '../core/target.js';
import { MESSAGES } from '../messages.js';

/**
 * Keep masks `[rows, height·width]` (1: the input's pixel, 0: the baseline's, all channels alike) for the rows of a
 * chunk, given each row's perturbation index and its input's index (both int32 `[rows]`).
 */
export type KeepMasks = (perturbations: tf.Tensor1D, owners: tf.Tensor1D) => tf.Tensor2D;

/**
 * `[n, count]`: entry (i, k) is the target of input i scored on perturbation k of it. Rows run input-major, at most
 * `batchSize` per pass.
 * @example const v = perturbedValues(adapter, x, b, windows, (k) => tf.gather(masks, k), targets, 64);
 */
export function perturbedValues(
  adapter: ImageModel,
  inputs: tf.Tensor,
  baselines: tf.Tensor,
  count: number,
  keep: KeepMasks,
  targets: readonly ResolvedTarget[],
  batchSize: number,
): tf.Tensor2D {
  const [n, h, w] = inputs.shape as [number, number, number, number];
  const rows = n * count;
  const owners = new Int32Array(rows);
  const perturbations = new Int32Array(rows);
  for (let r = 0; r < rows; r++) [owners[r], perturbations[r]] = [Math.floor(r / count), r % count];
  const [values] = inChunks(rows, batchSize, (start, end) =>
    tf.tidy(() => {
      const own = owners.subarray(start, end);
      const ownT = tf.tensor1d(own, 'int32');
      const m = tf.reshape(keep(tf.tensor1d(perturbations.subarray(start, end), 'int32'), ownT), [
        end - start,
        h,
        w,
        1,
      ]);
      // m·x + (1 − m)·b is exactly x or b for m ∈ {0, 1}.
      const batch = tf.add(
        tf.mul(m, tf.gather(inputs, ownT)),
        tf.mul(tf.sub(1, m), tf.gather(baselines, ownT)),
      );
      return [forwardValues(adapter, batch, own, targets, end - start)] as const;
    }),
  );
  const out = tf.reshape(values, [n, count]) as tf.Tensor2D;
  values.dispose();
  return out;
}

/**
 * `[n, ...input]` baselines: a number fills every pixel with it; a {@link Baseline} goes through `makeBaseline`.
 * @example const b = resolveBaselines('occlusion', 0, inputs);
 */
export function resolveBaselines(
  fn: string,
  spec: number | Baseline,
  inputs: tf.Tensor,
  options?: BaselineOptions,
): tf.Tensor {
  if (typeof spec !== 'number') return makeBaseline(fn, spec, inputs, options);
  if (!Number.isFinite(spec)) throw new Error(MESSAGES.nonFiniteBaseline(fn, spec));
  return tf.fill(inputs.shape, spec);
}

/**
 * `[n, ...input]`: each input's per-feature scores `[n, d]` given to every pixel (all channels) of that feature.
 * @example const attributions = spreadOverFeatures(scores, ids, inputs.shape);
 */
export function spreadOverFeatures(
  scores: tf.Tensor2D,
  ids: tf.Tensor2D,
  inputShape: readonly number[],
): tf.Tensor {
  const [n, h, w, c] = inputShape as [number, number, number, number];
  const d = scores.shape[1];
  return tf.tidy(() => {
    const own = tf.reshape(tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(d, 'int32')), [n, 1]);
    const perInput = ids.shape[0] === n ? ids : tf.tile(ids, [n, 1]);
    const picked = tf.gather(tf.reshape(scores, [-1]), tf.add(perInput, own));
    return tf.tile(tf.reshape(picked, [n, h, w, 1]), [1, 1, 1, c]);
  });
}

/**
 * `[rows, h·w]`: entry (r, p) is `table[tableRows[r], feature of pixel p in input owners[r]'s mask]`, a per-feature
 * table `[T, d]` read through a checked feature mask.
 * @example const keep = perFeatureLookup(coalitions, perturbations, ids, owners);
 */
export function perFeatureLookup(
  table: tf.Tensor2D,
  tableRows: tf.Tensor1D,
  ids: tf.Tensor2D,
  owners: tf.Tensor1D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const rows = tableRows.shape[0];
    const perRow = ids.shape[0] === 1 ? tf.tile(ids, [rows, 1]) : tf.gather(ids, owners);
    const offsets = tf.reshape(tf.mul(tableRows, tf.scalar(table.shape[1], 'int32')), [rows, 1]);
    const flat: tf.Tensor = tf.reshape(table, [table.size]);
    return tf.gather(flat, tf.add(perRow, offsets)) as tf.Tensor2D;
  });
}

/**
 * Keep masks from coalitions `[count, d]` (1: the feature keeps the input) over a checked feature mask: pixel p of
 * row r keeps the input when its feature is in the row's coalition.
 * @example perturbedValues(adapter, x, b, count, coalitionMasks(coalitions, ids), targets, 64)
 */
export function coalitionMasks(coalitions: tf.Tensor2D, ids: tf.Tensor2D): KeepMasks {
  return (perturbations, owners) => perFeatureLookup(coalitions, perturbations, ids, owners);
}
