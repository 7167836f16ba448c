/** Total-variation penalty on the image (Mahendran & Vedaldi 2015): Σ |Δx| + |Δy|. */
import * as tf from '@tensorflow/tfjs-core';
import { cropHW } from '../util/crop.js';
import { INPUT_LAYER } from '@openbox/runtime';
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
      const dy = tf.sub(cropHW(x, 1, 0, h - 1, w), cropHW(x, 0, 0, h - 1, w));
      const dx = tf.sub(cropHW(x, 0, 1, h, w - 1), cropHW(x, 0, 0, h, w - 1));
      return tf.add(sumPerItem(tf.abs(dy)), sumPerItem(tf.abs(dx))) as tf.Tensor1D;
    },
  };
}
