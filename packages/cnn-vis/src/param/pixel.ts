/** Pixel parameterization: the image is the variable itself (Lucid's `naive`). */
import * as tf from '@tensorflow/tfjs-core';
import { normalArray, variableFrom, type Parameterization } from './parameterization.js';

/** Options for {@link pixelParam}. */
export interface PixelParamOptions {
  /** Standard deviation of the N(0, sd²) initial values. Default 0.01 (Lucid). */
  readonly sd?: number;
}

/**
 * `image = params`, params `[B, h, w, c]` initialized N(0, sd²). Wrap with {@link sigmoidRange} to stay in range.
 * @example const make = pixelParam({ sd: 0.01 }); const { image } = make([4, 28, 28, 1], createRng(0));
 */
export function pixelParam(options: PixelParamOptions = {}): Parameterization {
  const sd = options.sd ?? 0.01;
  return (shape, rng) => {
    const params = variableFrom(normalArray(shape[0] * shape[1] * shape[2] * shape[3], sd, rng), shape);
    return { params, image: () => params as unknown as tf.Tensor4D, dispose: () => params.dispose() };
  };
}
