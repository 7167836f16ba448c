/**
 * DeepLIFT with the rescale rule (Shrikumar et al. 2017, "Learning Important Features Through Propagating
 * Activation Differences"; Captum's `DeepLift`): attributions (x − x0) ⊙ m, where the multipliers m are the chain
 * rule with every nonlinearity's derivative replaced by (y − y0) / (z − z0) (the plain derivative where
 * |z − z0| < eps) and max pooling by Captum's `maxpool` rule. The input and the baseline run forward as one batch
 * [x; x0]. Summation-to-delta: Σ attributions = f(x) − f(x0) exactly for ReLU/linear/average-pool nets, and for
 * max pooling up to the windows where the argmax moves and an input change is below eps; `delta` reports the gap.
 *
 * Softmax: the default `logits` output never evaluates it. With `output: 'model'` the final softmax keeps its plain
 * gradient at x (Captum's `softmax` rule subtracts a mean over the whole batch, which makes one input's attribution
 * depend on the others; we do not copy it), so `delta` is no longer small: prefer the logits.
 *
 * Each pass holds pairs, so `internalBatchSize` counts rows two per pair (⌊size / 2⌋ pairs, at least one). Layers the
 * graph executor applies as they are (LeakyReLU, PReLU layers) keep their plain gradient, and `delta` shows it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBaseline, type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { MESSAGES } from '../messages.js';
import { pairGradients } from './deeplift-rules.js';

/** Captum's default eps: below this input change a unit keeps its plain gradient. */
export const DEEPLIFT_EPS = 1e-10;

/** Options of {@link deepLift}. */
export interface DeepLiftOptions {
  /** The reference x0: a named baseline or a tensor `[1 | n, ...input]`. Default `'zeros'`. */
  readonly baselines?: Baseline;
  /** How named baselines are built (`data` for `'mean'`, `blurSigma`, `seed`). Default `{}`. */
  readonly baselineOptions?: BaselineOptions;
  /** Input changes |z − z0| below this use the plain gradient. Default {@link DEEPLIFT_EPS} (1e-10). */
  readonly eps?: number;
}

/** Throws unless eps is a finite number ≥ 0. */
export function checkEps(fn: string, eps: unknown): number {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0)
    throw new Error(MESSAGES.nonNegative(fn, 'options.eps', eps));
  return eps;
}

/** Σ over each row of `attributions` − (f(x) − f(x0)): `[rows]`. */
export function summationDelta(attributions: tf.Tensor, fx: tf.Tensor1D, f0: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const rows = attributions.shape[0]!;
    return tf.sub(tf.sum(tf.reshape(attributions, [rows, -1]), 1), tf.sub(fx, f0)) as tf.Tensor1D;
  });
}

/**
 * @example const { attributions, delta } = deepLift.attribute(model, digits, { targets: [3, 7], baselines: 'blur' });
 */
export const deepLift: AttributionMethod<DeepLiftOptions> = {
  name: 'deeplift',
  info: {
    description:
      'DeepLIFT rescale rule: (x − x0) ⊙ multipliers (Δy/Δz at each nonlinearity) (Shrikumar et al. 2017).',
    family: 'gradient',
    multipliesByInputs: true,
    hasConvergenceDelta: true,
    needsBaseline: true,
    needsLayer: false,
    stochastic: false,
  },
  attribute(
    model: ModelLike,
    inputs: tf.Tensor,
    options: CommonOptions & DeepLiftOptions,
  ): AttributionResult {
    const fn = 'deeplift';
    // 1. Check the arguments and resolve the defaults.
    const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
    const eps = checkEps(fn, options.eps ?? DEEPLIFT_EPS);
    // 2. The baseline per input, then one pass over [x; x0] per chunk of pairs.
    const x0 = makeBaseline(fn, options.baselines ?? 'zeros', inputs, options.baselineOptions);
    try {
      const pg = pairGradients(adapter, inputs, x0, tiledOwners(n, 1), targets, eps, batchSize);
      // 3. Attributions (x − x0) ⊙ m and the summation-to-delta gap.
      const attributions = tf.tidy(() => tf.mul(tf.sub(inputs, x0), pg.multipliers));
      const delta = summationDelta(attributions, pg.values, pg.baselineValues);
      [pg.multipliers, pg.values, pg.baselineValues].forEach((t) => t.dispose());
      return { attributions, delta };
    } finally {
      x0.dispose();
    }
  },
};
