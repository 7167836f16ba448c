/** Pointing game and mask AUC of one attribution method's maps, and of the map-free nulls, on pattern images. */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/cnn-vis';
import { explain, localization, type Explainer } from './attribution-evaluation.js';
import type { PatternSet } from './pattern-cnn.js';
import { PATTERN_SIZE } from './pattern-cnn.js';

/** The two localization scores of a set of maps. */
export interface LocalizationScores {
  /** Fraction of images whose largest |Φ| lies on the bar. */
  readonly pointing: number;
  /** Mean ROC AUC of |Φ| separating bar pixels from the rest. */
  readonly auc: number;
}

const shapeOf = (set: PatternSet) =>
  [set.n, PATTERN_SIZE, PATTERN_SIZE, 1] as [number, number, number, number];

/** Scores `maps` (`[n, 12, 12, 1]`, not disposed) against the set's bar mask. */
export function scoreMaps(maps: tf.Tensor, set: PatternSet): LocalizationScores {
  const r = localization(maps, set.mask);
  return { pointing: r.pointingAccuracy, auc: r.meanAuc };
}

/**
 * The maps of `explainer` (targets the true labels, logits; `methodOptions` passed on) under `model` for the set's
 * images, scored; also returns the maps' values (for the gallery). Leaves no tensor behind.
 * @example methodScores(saliency, {}, adapter, heldOut)
 */
export function methodScores(
  explainer: Explainer,
  methodOptions: object,
  model: ImageModel,
  set: PatternSet,
): LocalizationScores & { readonly maps: Float32Array } {
  const x = tf.tensor4d(set.images, shapeOf(set));
  try {
    const owners = Int32Array.from({ length: set.n }, (_, i) => i);
    const phi = explain('attributionLocalization', explainer, model, x, owners, {
      targets: Array.from(set.labels),
      methodOptions,
    });
    try {
      return { ...scoreMaps(phi, set), maps: phi.dataSync() as Float32Array };
    } finally {
      phi.dispose();
    }
  } finally {
    x.dispose();
  }
}

/** The map-free nulls: U(0, 1) noise (seeded by `seed`) and the input image itself used as the map. */
export function nullScores(
  set: PatternSet,
  seed: number,
): { readonly random: LocalizationScores; readonly input: LocalizationScores } {
  const random = tf.randomUniform(shapeOf(set), 0, 1, 'float32', seed);
  const input = tf.tensor4d(set.images, shapeOf(set));
  try {
    return { random: scoreMaps(random, set), input: scoreMaps(input, set) };
  } finally {
    random.dispose();
    input.dispose();
  }
}
