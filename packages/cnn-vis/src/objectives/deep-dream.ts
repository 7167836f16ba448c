/** Layer objective (DeepDream): the mean of squared activations of a whole layer. */
import * as tf from '@tensorflow/tfjs-core';
import { activationOf, meanPerItem, type Objective } from './objective.js';

/**
 * `(1/N) Σ a²` over every position and channel of `layer` (Mordvintsev et al. 2015, DeepDream; Olah et al. 2017, "layer").
 * @example deepDream('conv2d_1')
 */
export function deepDream(layer: string): Objective {
  return {
    name: `deepDream(${layer})`,
    description: `mean of squared activations of layer ${layer} (DeepDream)`,
    layers: [layer],
    validate: (adapter) => void adapter.layer(layer, 'deepDream'),
    evaluate: (acts) => meanPerItem(tf.square(activationOf(acts, layer))),
  };
}
