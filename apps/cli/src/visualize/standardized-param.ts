/** `standardizedParam`: a parameterization whose images are standardized per channel, (x − mean[c]) / std[c]. */
import * as tf from '@tensorflow/tfjs-core';
import type { Parameterization } from '@openbox/cnn-vis';

/**
 * Wraps `inner` (images in [0, 1]) so that the model sees `(x − mean[c]) / std[c]` — the input of a model trained on
 * ImageNet-standardized images (`--scale imagenet`), while the optimization keeps `inner`'s parameterization.
 * `mean` and `std` hold one entry per channel (or one for all).
 * @example standardizedParam(sigmoidRange(fourierParam()), [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
 */
export function standardizedParam(
  inner: Parameterization,
  mean: readonly number[],
  std: readonly number[],
): Parameterization {
  return (shape, rng) => {
    const base = inner(shape, rng);
    const c = mean.length;
    const shift = tf.tensor4d(Float32Array.from(mean), [1, 1, 1, c]);
    const factor = tf.tensor4d(
      Float32Array.from(std, (s) => 1 / s),
      [1, 1, 1, c],
    );
    return {
      params: base.params,
      image: () => tf.tidy(() => tf.mul(tf.sub(base.image(), shift), factor) as tf.Tensor4D),
      dispose: () => (base.dispose(), shift.dispose(), factor.dispose()),
    };
  };
}
