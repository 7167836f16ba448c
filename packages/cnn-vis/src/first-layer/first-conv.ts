/** Finds the first Conv2D layer of a model and reads its kernels as plain arrays. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from '../messages.js';

/** First-layer kernels `[kh, kw, cin, cout]` row-major, with the layer's name and bias. */
export interface FirstConvKernels {
  readonly layer: string;
  readonly kernel: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly bias: Float32Array | undefined;
}

/** The first `Conv2D` layer's kernels (a copy), or an error listing the layers when there is none. */
export function firstConvKernels(model: tfl.LayersModel, fn = 'firstConvKernels'): FirstConvKernels {
  const layer = model.layers.find((l) => l.getClassName() === 'Conv2D');
  if (layer === undefined)
    throw new Error(
      MESSAGES.noConvLayer(
        fn,
        model.layers.map((l) => l.name),
      ),
    );
  const [kernel, bias] = layer.getWeights();
  return {
    layer: layer.name,
    kernel: Float32Array.from(kernel!.dataSync()),
    shape: kernel!.shape as [number, number, number, number],
    bias: bias === undefined ? undefined : Float32Array.from(bias.dataSync()),
  };
}

/** Filter `f` as `[kh, kw, cin]` row-major. */
export function filterOf(k: FirstConvKernels, f: number): Float32Array {
  const [kh, kw, cin, cout] = k.shape;
  const out = new Float32Array(kh * kw * cin);
  for (let i = 0; i < kh * kw * cin; i++) out[i] = k.kernel[i * cout + f]!;
  return out;
}
