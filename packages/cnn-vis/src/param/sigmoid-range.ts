/** Sigmoid squashing: maps an unconstrained image to the model's valid input range. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import type { Parameterization } from './parameterization.js';

/**
 * `image = low + (high − low) · σ(inner)`, so pixels always lie in `(low, high)` (Lucid's `to_valid_rgb(sigmoid=True)`).
 * Default range [0, 1].
 * @example sigmoidRange(pixelParam(), { range: [0, 1] })
 */
export function sigmoidRange(
  inner: Parameterization,
  options: { range?: readonly [number, number] } = {},
): Parameterization {
  const [low, high] = options.range ?? [0, 1];
  if (!(low < high)) throw new Error(MESSAGES.badRange('sigmoidRange', 'range', options.range));
  return (shape, rng) => {
    const base = inner(shape, rng);
    return {
      params: base.params,
      image: () => tf.tidy(() => tf.add(tf.mul(tf.sigmoid(base.image()), high - low), low) as tf.Tensor4D),
      dispose: () => base.dispose(),
    };
  };
}
