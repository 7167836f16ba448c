/**
 * DeepLIFT-SHAP (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions"; Captum's
 * `DeepLiftShap`): DeepLIFT against each of m baselines drawn from a distribution, averaged:
 * φ(x) = (1/m) Σ_j (x − b_j) ⊙ m_DL(x, b_j). The n × m (input, baseline) pairs run batched, input-major like Captum
 * (row i·m + j pairs input i with baseline j).
 *
 * Differences from Captum: m = 1 is allowed (it is DeepLIFT against that baseline; Captum asserts m > 1), and
 * `delta` has one entry per input, the mean over its m pairs of the pair deltas, which is
 * Σ φ(x) − (f(x) − (1/m) Σ_j f(b_j)); Captum returns the n·m pair deltas.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkDistribution } from '../baselines/baseline-distribution.js';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { checkInputs, prepare, type ModelLike } from '../core/prepare.js';
import { MESSAGES } from '../messages.js';
import { checkEps, DEEPLIFT_EPS, summationDelta } from './deeplift.js';
import { pairGradients } from './deeplift-rules.js';

/** Options of {@link deepLiftShap}. */
export interface DeepLiftShapOptions {
  /** The baseline distribution `[m, ...input]`, m ≥ 1 (e.g. m training images). Required. */
  readonly baselines: tf.Tensor;
  /** Input changes |z − z0| below this use the plain gradient. Default 1e-10 (Captum's). */
  readonly eps?: number;
}

/**
 * @example const { attributions, delta } = deepLiftShap.attribute(model, digits, { targets: 3, baselines: trainSample });
 */
export const deepLiftShap: AttributionMethod<DeepLiftShapOptions> = {
  name: 'deeplift-shap',
  info: {
    description:
      'Mean over baselines b_j of DeepLIFT (x − b_j) ⊙ multipliers (Lundberg & Lee 2017; Captum DeepLiftShap).',
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
    options: CommonOptions & DeepLiftShapOptions,
  ): AttributionResult {
    const fn = 'deeplift-shap';
    // 1. Check the arguments and resolve the defaults.
    const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
    const baselines = checkDistribution(fn, options.baselines, inputs);
    checkInputs(fn, adapter, baselines, 'options.baselines');
    const eps = checkEps(fn, options.eps ?? DEEPLIFT_EPS);
    const m = baselines.shape[0]!;
    // 2. The n·m pairs, input-major: row i·m + j is (x_i, b_j).
    const owners = Int32Array.from({ length: n * m }, (_, r) => Math.floor(r / m));
    const [xs, bs] = tf.tidy(() => [
      tf.gather(inputs, tf.tensor1d(owners, 'int32')),
      tf.tile(baselines, [n, ...baselines.shape.slice(1).map(() => 1)]),
    ]);
    try {
      const pg = pairGradients(adapter, xs!, bs!, owners, targets, eps, batchSize);
      // 3. Pair attributions, averaged over the baselines; the pair deltas, averaged likewise.
      const [attributions, delta] = tf.tidy(() => {
        const pairs = tf.mul(tf.sub(xs!, bs!), pg.multipliers);
        const mean = tf.mean(tf.reshape(pairs, [n, m, ...inputs.shape.slice(1)]), 1);
        const pairDelta = summationDelta(pairs, pg.values, pg.baselineValues);
        return [mean, tf.mean(tf.reshape(pairDelta, [n, m]), 1) as tf.Tensor1D] as const;
      });
      [pg.multipliers, pg.values, pg.baselineValues].forEach((t) => t.dispose());
      return { attributions, delta };
    } finally {
      [xs!, bs!].forEach((t) => t.dispose());
    }
  },
};
