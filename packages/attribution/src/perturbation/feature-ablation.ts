/**
 * Feature ablation (Captum's `FeatureAblation`): set one feature (a group of pixels given by a feature mask, all
 * channels) to the baseline at a time; the feature's attribution, given to each of its pixels, is
 * f(x) − f(x with feature j at the baseline). On a linear model it is Σ_{i∈j} w_i (x_i − b_i).
 * Differences from Captum: without a mask Captum ablates every scalar alone; here the default is a grid of 4-pixel
 * cells (one feature per cell, all channels together).
 */
import * as tf from '@tensorflow/tfjs-core';
import { forwardValues } from '../core/forward-values.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { resolveMaskAndBaselines, type MaskOptions } from './feature-mask.js';
import { coalitionMasks, perturbedValues, spreadOverFeatures } from './perturbed-values.js';

/** Options of {@link featureAblation}: the feature mask and the baseline. */
export type FeatureAblationOptions = MaskOptions;

const FN = 'feature-ablation';

/**
 * @example const { attributions } = featureAblation.attribute(model, digits, { targets: 3, featureMask: gridFeatureMask(28, 28, 7) });
 */
export const featureAblation: AttributionMethod<FeatureAblationOptions> = {
  name: 'feature-ablation',
  info: {
    description:
      'Drop f(x) − f(x with one feature of a mask at the baseline), given to each pixel of the feature (Captum FeatureAblation).',
    family: 'perturbation',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: true,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & FeatureAblationOptions) {
    // 1. Check and resolve the options.
    const { adapter, n, targets, batchSize } = prepare(FN, model, inputs, options);
    const { ids, d, baselines } = resolveMaskAndBaselines(FN, inputs, options);
    // 2. Coalition k keeps every feature but k; the drop is each feature's score.
    const attributions = tf.tidy(() => {
      const allBut = tf.sub(1, tf.eye(d)) as tf.Tensor2D;
      const full = forwardValues(adapter, inputs, tiledOwners(n, 1), targets, batchSize);
      const ablated = perturbedValues(
        adapter,
        inputs,
        baselines,
        d,
        coalitionMasks(allBut, ids),
        targets,
        batchSize,
      );
      return spreadOverFeatures(tf.sub(tf.reshape(full, [n, 1]), ablated), ids, inputs.shape);
    });
    [ids, baselines].forEach((t) => t.dispose());
    return { attributions };
  },
};
