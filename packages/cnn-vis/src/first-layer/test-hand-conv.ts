/** A hand-set first conv layer (behind a linear activation layer) for the first-layer tests. Not part of the build. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** `[kh, kw, cin, cout]` row-major weights: `kernel[((y·kw + x)·cin + c)·cout + f] = filters[f][(y·kw + x)·cin + c]`. */
export function handConvModel(
  filters: readonly (readonly number[])[],
  kh: number,
  kw: number,
  cin: number,
  bias?: readonly number[],
): tfl.LayersModel {
  const cout = filters.length;
  const kernel = new Float32Array(kh * kw * cin * cout);
  filters.forEach((w, f) => w.forEach((v, i) => (kernel[i * cout + f] = v)));
  const model = tfl.sequential();
  model.add(tfl.layers.activation({ activation: 'linear', inputShape: [6, 6, cin], name: 'pre' }));
  const initial = [tf.tensor4d(kernel, [kh, kw, cin, cout])];
  if (bias !== undefined) initial.push(tf.tensor1d(Float32Array.from(bias)) as unknown as tf.Tensor4D);
  model.add(
    tfl.layers.conv2d({
      filters: cout,
      kernelSize: [kh, kw],
      name: 'hand',
      useBias: bias !== undefined,
      weights: initial,
    }),
  );
  tf.dispose(initial); // add() builds the layer, which copies them into its variables
  return model;
}

/** Four 2×3×3 filters (18 weights): generic with one exact 0, all zero, all positive, generic. */
export const HAND_FILTERS: readonly (readonly number[])[] = [
  Array.from({ length: 18 }, (_, i) => (i === 4 ? 0 : Math.sin(1.3 * i + 0.2))),
  Array.from({ length: 18 }, () => 0),
  Array.from({ length: 18 }, (_, i) => 0.1 + 0.05 * i),
  Array.from({ length: 18 }, (_, i) => Math.cos(0.7 * i * i) - 0.2),
];
