/**
 * Adebayo et al. 2018, "Sanity checks for saliency maps", §3.2: data randomization. The same inputs and targets are
 * explained with the trained model and with a second model of the same architecture (one trained on shuffled
 * labels), and the maps compared (Spearman's ρ of |Φ| and of Φ, SSIM of normalized |Φ|). Maps that stay alike do not
 * reflect the relation between inputs and labels the model learned: the method fails.
 */
import * as tf from '@tensorflow/tfjs-core';
import { prepare, type ModelLike } from '../core/prepare.js';
import { compareMaps, similarityOf, type MapSimilarity } from './compare-maps.js';
import { attributionsOf, type Explainer } from './explainer.js';
import type { RandomizationOptions } from './model-randomization.js';

/** What {@link dataRandomization} returns. */
export interface DataRandomizationResult {
  readonly similarity: MapSimilarity;
  readonly threshold: number;
  /** similarity.meanRankAbs < threshold: the maps depend on what the model learned from the labels. */
  readonly passes: boolean;
}

/**
 * Compares the maps of `model` and `other` for the same inputs and targets (`options.seed` is not used).
 * @example const { similarity, passes } = dataRandomization(cnn, shuffledCnn, digits, saliency, { targets: 3 });
 */
export function dataRandomization(
  model: ModelLike,
  other: ModelLike,
  inputs: tf.Tensor,
  explainer: Explainer,
  options: RandomizationOptions,
): DataRandomizationResult {
  const fn = 'dataRandomization';
  const { n } = prepare(fn, model, inputs, options);
  prepare(fn, other, inputs, options);
  const threshold = options.threshold ?? 0.5;
  const values = tf.tidy(() => {
    const a = attributionsOf(fn, explainer, model, inputs, options);
    const b = attributionsOf(fn, explainer, other, inputs, options);
    return compareMaps(a, b).dataSync() as Float32Array;
  });
  const similarity = similarityOf(values, n);
  return { similarity, threshold, passes: similarity.meanRankAbs < threshold };
}
