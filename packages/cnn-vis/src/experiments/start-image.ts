/** The image activation maximization starts from: the parameterization's initial image, before any step. */
import { createRng } from '@openbox/runtime';
import type { ImageModel } from '@openbox/runtime';
import { resolveRenderOptions, type RenderOptions } from '../render/render-options.js';

/**
 * The `[1, h, w, c]` image `renderUnits(adapter, objective, { ...options, batchSize: 1 })` starts from: the resolved
 * parameterization (default `lucidParam({ range: [0, 1] })`) built for one image from `createRng(seed).fork('param')`,
 * as `renderUnits` builds it, and read before the first step. For the default, a near-uniform grey of 0.5 with faint
 * low-frequency noise (init sd 0.01 in Fourier space).
 * @example startImage(adapter, { seed: 3 }) // Float32Array of 784 for MNIST
 */
export function startImage(
  adapter: ImageModel,
  options: Omit<RenderOptions, 'batchSize'> = {},
): Float32Array {
  const o = resolveRenderOptions(adapter, 1, { ...options, batchSize: 1 });
  const [h, w, c] = adapter.inputShape;
  const param = o.param([1, h, w, c], createRng(o.seed).fork('param'));
  try {
    const image = param.image();
    const values = Float32Array.from(image.dataSync());
    image.dispose();
    return values;
  } finally {
    param.dispose();
  }
}
