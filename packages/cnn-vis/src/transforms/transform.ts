/** The transform contract ((opts) => (image, rng) => image) and `compose`. */
import type * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../param/parameterization.js';

/**
 * A differentiable, possibly random image-batch transform applied before every forward pass
 * ("transformation robustness", Olah et al. 2017). Random draws come from `rng` (JS numbers, no GPU reads).
 */
export type Transform = (image: tf.Tensor4D, rng: RandomSource) => tf.Tensor4D;

/**
 * Chains transforms left to right.
 * @example compose(pad({ size: 2 }), jitter({ pixels: 1 }), randomScale({ scales: [0.9, 1.1] }))
 */
export function compose(...transforms: Transform[]): Transform {
  return (image, rng) => transforms.reduce((x, t) => t(x, rng), image);
}
