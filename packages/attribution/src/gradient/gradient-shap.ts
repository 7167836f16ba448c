/**
 * GradientSHAP (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions"; Captum's `GradientShap`,
 * after SHAP's GradientExplainer): expected gradients over a baseline distribution. For each of N samples per input,
 * draw a baseline b ~ U{b_1..b_m}, α ~ U(0, 1) and x̃ = x + N(0, stdevs²); the sample's attribution is
 * ∇f(b + α(x̃ − b)) ⊙ (x̃ − b), and the result is their mean — a Monte-Carlo integrated gradients averaged over
 * baselines. Per sample Captum's delta is Σ attribution − (f(x̃) − f(b)); here `delta` is its mean over the N samples
 * of each input (one per input, as every method's delta; Captum returns all n × N). Captum's defaults: N = 5,
 * stdevs = 0. Rows are sample-major (row k·n + i is input i's k-th sample) and run in chunks of `internalBatchSize`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { forwardValues } from '../core/forward-values.js';
import { inputGradients } from '../core/input-gradients.js';
import { checkDistribution } from '../baselines/baseline-distribution.js';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import {
  checkInputs,
  checkPositiveInteger,
  checkSeed,
  prepare,
  tiledOwners,
  type ModelLike,
} from '../core/prepare.js';
import { MESSAGES } from '../messages.js';

const FN = 'gradient-shap';

/** Options of {@link gradientShap}. */
export interface GradientShapOptions {
  /** The baseline distribution `[m, ...input]`, m ≥ 1 (e.g. m training images). Required. */
  readonly baselines: tf.Tensor;
  /** Samples N per input. Default 5 (Captum's `n_samples`). */
  readonly samples?: number;
  /** Standard deviation of the Gaussian noise added to the input. Default 0 (Captum's). */
  readonly stdevs?: number;
  /** Seed of the baseline, α and noise draws. Default 0. */
  readonly seed?: number;
}

/**
 * @example const { attributions, delta } = gradientShap.attribute(model, digits, { targets: 3, baselines: train, samples: 20 });
 */
export const gradientShap: AttributionMethod<GradientShapOptions> = {
  name: FN,
  info: {
    description:
      'Expected gradients ∇f(b + α(x̃ − b)) ⊙ (x̃ − b) over baselines b, α ~ U(0, 1), noisy x̃ (Lundberg & Lee 2017).',
    family: 'gradient',
    multipliesByInputs: true,
    hasConvergenceDelta: true,
    needsBaseline: true,
    needsLayer: false,
    stochastic: true,
  },
  attribute(
    model: ModelLike,
    inputs: tf.Tensor,
    options: CommonOptions & GradientShapOptions,
  ): AttributionResult {
    // 1. Check the arguments and resolve the defaults.
    const { adapter, n, targets, batchSize } = prepare(FN, model, inputs, options);
    const baselines = checkDistribution(FN, options.baselines, inputs);
    checkInputs(FN, adapter, baselines, 'options.baselines');
    const samples = checkPositiveInteger(FN, 'options.samples', options.samples ?? 5);
    const stdevs = options.stdevs ?? 0;
    if (!(Number.isFinite(stdevs) && stdevs >= 0))
      throw new Error(MESSAGES.nonNegative(FN, 'options.stdevs', stdevs));
    const seed = checkSeed(FN, options.seed);
    // 2. The draws, per row in order: the baseline's index, then α; then one seed for all the noise.
    const rng = createRng(seed);
    const m = baselines.shape[0]!;
    const rows = samples * n;
    const owners = tiledOwners(n, samples);
    const picks = new Int32Array(rows);
    const alphas = new Float32Array(rows);
    for (let r = 0; r < rows; r++) [picks[r], alphas[r]] = [rng.int(m), rng.next()];
    const noiseSeed = rng.tfSeed();
    const unit = inputs.shape.slice(1).map(() => 1);
    const result = tf.tidy(() => {
      const noise =
        stdevs > 0
          ? tf.randomNormal([rows, ...inputs.shape.slice(1)], 0, stdevs, 'float32', noiseSeed)
          : undefined;
      let total: tf.Tensor = tf.zerosLike(inputs);
      let deltas: tf.Tensor = tf.zeros([n]);
      // 3. One chunk of rows at a time: gradients at the sampled points, times (x̃ − b), summed into each input.
      for (let start = 0; start < rows; start += batchSize) {
        const end = Math.min(rows, start + batchSize);
        const own = owners.subarray(start, end);
        const next = tf.tidy(() => {
          const index = tf.tensor1d(own, 'int32');
          const gathered = tf.gather(inputs, index);
          const noisy =
            noise === undefined ? gathered : tf.add(gathered, tf.slice(noise, start, end - start));
          const base = tf.gather(baselines, tf.tensor1d(picks.subarray(start, end), 'int32'));
          const diff = tf.sub(noisy, base);
          const alpha = tf.tensor(alphas.subarray(start, end), [end - start, ...unit]);
          const points = tf.add(base, tf.mul(alpha, diff));
          const { gradients, values } = inputGradients(adapter, points, own, targets, { batchSize });
          values.dispose();
          const attr = tf.mul(gradients, diff);
          // Captum's per-sample delta: Σ attribution − (f(x̃) − f(b)).
          const ends = forwardValues(
            adapter,
            tf.concat([noisy, base]),
            tiledOwners(end - start, 2).map((r) => own[r]!),
            targets,
            batchSize,
          );
          const change = tf.sub(tf.slice(ends, 0, end - start), tf.slice(ends, end - start, end - start));
          const rowDelta = tf.sub(tf.sum(tf.reshape(attr, [end - start, -1]), 1), change);
          return [
            tf.add(total, tf.unsortedSegmentSum(attr, index, n)),
            tf.add(deltas, tf.unsortedSegmentSum(rowDelta, index, n)),
          ];
        });
        [total, deltas].forEach((t) => t.dispose());
        [total, deltas] = next as [tf.Tensor, tf.Tensor];
      }
      // 4. Means over the N samples of each input.
      return [tf.div(total, samples), tf.div(deltas, samples)];
    });
    return { attributions: result[0]!, delta: result[1]! as tf.Tensor1D };
  },
};
