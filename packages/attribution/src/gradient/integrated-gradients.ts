/**
 * Integrated gradients (Sundararajan et al. 2017, "Axiomatic attribution for deep networks"):
 * IG_i(x) = (x_i − b_i) ∫₀¹ ∂f_t(b + α(x − b))/∂x_i dα ≈ (x_i − b_i) Σ_k w_k ∂f_t(b + α_k(x − b))/∂x_i,
 * with Captum's defaults (50 steps, Gauss–Legendre, zero baseline) and its convergence delta
 * δ = Σ_i IG_i − (f_t(x) − f_t(b)) per input (completeness: δ → 0 as the rule converges).
 * The steps × n interpolated rows are built chunk by chunk (at most `internalBatchSize` rows at a time, as Captum's
 * `internal_batch_size`) and their weighted gradients summed per input as they come, so memory does not grow with steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBaseline, type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import { inputGradients } from '../core/input-gradients.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { quadrature, type QuadratureRule } from '../core/quadrature.js';

const FN = 'integrated-gradients';

/** Options of {@link integratedGradients}. */
export interface IntegratedGradientsOptions {
  /** The reference b: a named baseline or a tensor `[1 | n, ...input]`. Default `'zeros'`. */
  readonly baselines?: Baseline;
  /** Options of the named baseline (`data` for `'mean'`, `blurSigma`, `range`, `seed`). Default none. */
  readonly baselineOptions?: BaselineOptions;
  /** Number of quadrature nodes on the path. Default 50 (Captum's `n_steps`). */
  readonly steps?: number;
  /** Quadrature rule. Default `'gauss-legendre'` (Captum's `method='gausslegendre'`). */
  readonly rule?: QuadratureRule;
}

/**
 * (x − b) ⊙ Σ_k w_k ∇f(b + α_k (x − b)) and its completeness delta. Rows of the expanded batch are step-major (row
 * k·n + i is input i at node k); a chunk of rows is gathered from x and b without materializing the whole batch.
 */
/** Integrated gradients with errors worded by `fn` (the neuron version reuses it under its own name). */
export function integrate(
  fn: string,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions & IntegratedGradientsOptions,
): { attributions: tf.Tensor; delta: tf.Tensor1D } {
  // 1. Check everything before allocating: common options, rule and steps, then the baseline.
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
  const { alphas, weights } = quadrature(options.rule ?? 'gauss-legendre', options.steps ?? 50, fn);
  const baseline = makeBaseline(fn, options.baselines ?? 'zeros', inputs, options.baselineOptions);
  const rows = alphas.length * n;
  const owners = tiledOwners(n, alphas.length);
  const [, ...rest] = inputs.shape;
  const unit = rest.map(() => 1);
  try {
    return tf.tidy(() => {
      const diff = tf.sub(inputs, baseline);
      // 2. Σ_k w_k ∇f at each node, one chunk of rows at a time, summed into its input.
      let total: tf.Tensor = tf.zerosLike(inputs);
      for (let start = 0; start < rows; start += batchSize) {
        const end = Math.min(rows, start + batchSize);
        const own = owners.subarray(start, end);
        const step = Int32Array.from({ length: end - start }, (_, r) => Math.floor((start + r) / n));
        const next = tf.tidy(() => {
          const index = tf.tensor1d(own, 'int32');
          const alpha = tf.tensor(
            Float32Array.from(step, (k) => alphas[k]!),
            [end - start, ...unit],
          );
          const weight = tf.tensor(
            Float32Array.from(step, (k) => weights[k]!),
            [end - start, ...unit],
          );
          const points = tf.add(tf.gather(baseline, index), tf.mul(alpha, tf.gather(diff, index)));
          const { gradients, values } = inputGradients(adapter, points, own, targets, { batchSize });
          values.dispose();
          return tf.add(total, tf.unsortedSegmentSum(tf.mul(weight, gradients), index, n));
        });
        total.dispose();
        total = next;
      }
      const attributions = tf.mul(diff, total);
      // 3. Completeness: f(x) and f(b) in one forward batch (x rows then b rows).
      const ends = forwardValues(
        adapter,
        tf.concat([inputs, baseline]),
        tiledOwners(n, 2),
        targets,
        batchSize,
      );
      const change = tf.sub(tf.slice(ends, 0, n), tf.slice(ends, n, n));
      const sums = tf.sum(tf.reshape(attributions, [n, -1]), 1);
      return { attributions, delta: tf.sub(sums, change) as tf.Tensor1D };
    });
  } finally {
    baseline.dispose();
  }
}

/**
 * @example const { attributions, delta } = integratedGradients.attribute(model, digits, { targets: [3, 7], steps: 32 });
 */
export const integratedGradients: AttributionMethod<IntegratedGradientsOptions> = {
  name: FN,
  info: {
    description:
      'Path integral of the gradient from a baseline, (x − b) ⊙ ∫₀¹ ∇f(b + α(x − b)) dα (Sundararajan et al. 2017).',
    family: 'gradient',
    multipliesByInputs: true,
    hasConvergenceDelta: true,
    needsBaseline: true,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & IntegratedGradientsOptions) {
    return integrate(FN, model, inputs, options);
  },
};
