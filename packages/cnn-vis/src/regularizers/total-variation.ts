/** Total-variation penalty on the image (Mahendran & Vedaldi 2015): Σ |Δx| + |Δy|. */
import * as tf from '@tensorflow/tfjs-core';
import { INPUT_LAYER } from '../model/model-adapter.js';
import { activationOf, sumPerItem, type Objective } from '../objectives/objective.js';

/**
 * Anisotropic TV: `Σ |x[y+1,x] − x[y,x]| + |x[y,x+1] − x[y,x]|` per image; penalizes high-frequency noise.
 * @example sum(channel('conv2d_2', 0), scale(-1e-3, totalVariation()))
 */
export function totalVariation(): Objective {
  return {
    name: 'totalVariation',
    description: 'total variation of the image (sum of absolute neighbour differences)',
    layers: [INPUT_LAYER],
    validate: () => undefined,
    evaluate(acts) {
      const x = activationOf(acts, INPUT_LAYER) as tf.Tensor4D;
      const [, h, w] = x.shape;
      const dy = tf.sub(tf.slice(x, [0, 1, 0, 0], [-1, h - 1, -1, -1]), tf.slice(x, [0, 0, 0, 0], [-1, h - 1, -1, -1]));
      const dx = tf.sub(tf.slice(x, [0, 0, 1, 0], [-1, -1, w - 1, -1]), tf.slice(x, [0, 0, 0, 0], [-1, -1, w - 1, -1]));
      return tf.add(sumPerItem(tf.abs(dy)), sumPerItem(tf.abs(dx))) as tf.Tensor1D;
    },
  };
}
