/**
 * Baselines (references) for the methods that compare an input with "absence": zeros, the data mean, a blurred copy
 * of the input (Sturmfels et al. 2020), uniform noise (seeded), or a tensor the caller gives (`[1 | n, ...input]`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import { gaussianBlur } from './gaussian-blur.js';
export const BASELINE_KINDS = ['zeros', 'mean', 'blur', 'uniform'];
/**
 * The baseline for each input, `[n, ...input]` (the caller disposes it).
 * @example const b = makeBaseline('integratedGradients', 'blur', digits, { blurSigma: 3 });
 */
export function makeBaseline(fn, spec, inputs, options = {}) {
  const [n, h, w] = inputs.shape;
  if (spec instanceof tf.Tensor) {
    const ok =
      spec.rank === inputs.rank &&
      (spec.shape[0] === 1 || spec.shape[0] === n) &&
      spec.shape.slice(1).every((d, i) => d === inputs.shape[i + 1]);
    if (!ok) throw new Error(MESSAGES.baselineShape(fn, spec.shape, inputs.shape));
    return tf.tidy(() =>
      spec.shape[0] === n ? tf.clone(spec) : tf.tile(spec, [n, ...spec.shape.slice(1).map(() => 1)]),
    );
  }
  switch (spec) {
    case 'zeros':
      return tf.zerosLike(inputs);
    case 'mean': {
      const data = options.data;
      if (data === undefined) throw new Error(MESSAGES.needsData(fn, 'mean'));
      if (data.rank !== inputs.rank || data.shape.slice(1).some((d, i) => d !== inputs.shape[i + 1]))
        throw new Error(MESSAGES.baselineShape(fn, data.shape, inputs.shape));
      return tf.tidy(() => tf.mul(tf.onesLike(inputs), tf.mean(data, 0, true)));
    }
    case 'blur': {
      const sigma = options.blurSigma ?? Math.min(h, w) / 8;
      if (!Number.isFinite(sigma) || sigma <= 0)
        throw new Error(MESSAGES.positive(fn, 'options.blurSigma', sigma));
      return gaussianBlur(inputs, sigma);
    }
    case 'uniform': {
      const [low, high] =
        options.range ?? tf.tidy(() => [tf.min(inputs).dataSync()[0], tf.max(inputs).dataSync()[0]]);
      if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high))
        throw new Error(
          MESSAGES.unknownName(fn, 'options.range', options.range, ['[low, high] with low <= high']),
        );
      return tf.randomUniform(
        inputs.shape,
        low,
        high === low ? low + Number.EPSILON : high,
        'float32',
        options.seed ?? 0,
      );
    }
    default:
      throw new Error(MESSAGES.unknownName(fn, 'options.baseline', spec, BASELINE_KINDS));
  }
}
//# sourceMappingURL=make-baseline.js.map
