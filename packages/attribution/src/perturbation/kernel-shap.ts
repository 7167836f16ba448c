/**
 * KernelSHAP (Lundberg & Lee 2017; Captum's `KernelShap`): Shapley values of the mask features as the weighted
 * least-squares fit of a linear model g(z) = φ₀ + z·φ to the model's values on coalitions z (features in z keep the
 * input, the others take the baseline), weighted by the Shapley kernel π(z) = (d − 1) / (C(d, |z|) |z| (d − |z|)).
 * With all 2^d − 2 coalitions (whenever `samples` ≥ 2^d − 2) the fit is the exact Shapley value. Differences from
 * Captum, which fits Lime's linear model to coalitions drawn one at a time and approximates the constraints with a
 * weight of 10⁶ on the empty and full coalitions: here coalitions are drawn in complementary pairs, φ₀ = f(baseline)
 * and Σ φ = f(x) − f(baseline) hold exactly (as in the `shap` library), small d is enumerated, and the default mask
 * is a grid of 4-pixel cells (Captum: every scalar). The default of 25 samples is Captum's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { checkPositiveInteger, checkSeed, prepare, type ModelLike } from '../core/prepare.js';
import { resolveMaskAndBaselines, type MaskOptions } from './feature-mask.js';
import { constrainedFit, drawCoalitions } from './kernel-shap-fit.js';
import { coalitionMasks, perturbedValues, spreadOverFeatures } from './perturbed-values.js';

/** Options of {@link kernelShap}. */
export interface KernelShapOptions extends MaskOptions {
  /** Coalitions to score besides the empty and the full one (Captum's `n_samples`). Default 25, as Captum. */
  readonly samples?: number;
  /** Seed of the coalitions. Default 0. */
  readonly seed?: number;
}

const FN = 'kernel-shap';

/**
 * @example const { attributions } = kernelShap.attribute(model, digits, { targets: 3, samples: 200, seed: 1 });
 */
export const kernelShap: AttributionMethod<KernelShapOptions> = {
  name: 'kernel-shap',
  info: {
    description:
      'Shapley values of mask features from a Shapley-kernel weighted linear fit over coalitions, Σφ = f(x) − f(b) exact (Lundberg & Lee 2017).',
    family: 'perturbation',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: true,
    needsLayer: false,
    stochastic: true,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & KernelShapOptions) {
    // 1. Check and resolve the options.
    const { adapter, n, targets, batchSize } = prepare(FN, model, inputs, options);
    const samples = checkPositiveInteger(FN, 'options.samples', options.samples ?? 25);
    const seed = checkSeed(FN, options.seed);
    const { ids, d, baselines } = resolveMaskAndBaselines(FN, inputs, options);
    // 2. Coalitions: the empty one, the full one, then the drawn (or all) others.
    const drawn =
      d === 1
        ? { z: new Float32Array(0), weights: new Float64Array(0), count: 0 }
        : drawCoalitions(d, samples, createRng(seed));
    const count = 2 + drawn.count;
    const rows = new Float32Array(count * d);
    rows.fill(1, d, 2 * d);
    rows.set(drawn.z, 2 * d);
    // 3. Score them all in batches, read the values once, and fit φ per input in float64.
    const values = tf.tidy(() => {
      const z = tf.tensor2d(rows, [count, d]);
      return perturbedValues(adapter, inputs, baselines, count, coalitionMasks(z, ids), targets, batchSize);
    });
    const phi = constrainedFit(values.dataSync() as Float32Array, n, d, drawn);
    values.dispose();
    const attributions = tf.tidy(() =>
      spreadOverFeatures(tf.tensor2d(Float32Array.from(phi), [n, d]), ids, inputs.shape),
    );
    [ids, baselines].forEach((t) => t.dispose());
    return { attributions };
  },
};
