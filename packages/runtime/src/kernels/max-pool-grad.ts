/** MaxPoolGrad for wasm: one pass over the pooling windows, routing each dy to its window's first maximum. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, zerosOutput } from './wasm-ops.js';

/**
 * The gradient of 2-D max pooling (NHWC): dx[argmax of window w] += dy[w], where the argmax is the first maximum in
 * row-major window order (the tie rule of the tfjs cpu backend). Windows that reach into padding skip it; a window whose
 * values are all −∞ or NaN passes no gradient. One pass over the windows, unrolled for 2×2 pools at stride 2.
 * @example tf.grad((x) => tf.maxPool(x, 2, 2, 'valid').sum())(x) // runs this kernel on wasm
 */
export function maxPoolGrad(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { inputs, backend } = args;
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const { dy, input } = inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, padInfo } = info;
  const { info: dxInfo, values: dx } = zerosOutput(backend, input.shape);
  const x = heapView(backend, input);
  const g = heapView(backend, dy);
  const halving = fh === 2 && fw === 2 && sh === 2 && sw === 2 && padInfo.top === 0 && padInfo.left === 0;
  if (halving && 2 * info.outHeight <= info.inHeight && 2 * info.outWidth <= info.inWidth) {
    routeHalving(x, g, dx, info);
  } else routeGeneral(x, g, dx, info);
  return dxInfo;
}

/** Any window: dx[first argmax] += dy, clipping windows at the borders. */
function routeGeneral(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, padInfo } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      const r0 = Math.max(0, i * sh - padInfo.top);
      const r1 = Math.min(h, i * sh - padInfo.top + fh);
      for (let j = 0; j < ow; j++) {
        const c0 = Math.max(0, j * sw - padInfo.left);
        const c1 = Math.min(w, j * sw - padInfo.left + fw);
        const gBase = ((b * oh + i) * ow + j) * c;
        for (let d = 0; d < c; d++) {
          let best = -Infinity;
          let at = -1;
          for (let r = r0; r < r1; r++) {
            for (let k = ((b * h + r) * w + c0) * c + d, end = k + (c1 - c0) * c; k < end; k += c) {
              const v = x[k] as number;
              if (v > best) {
                best = v;
                at = k;
              }
            }
          }
          if (at >= 0) dx[at] = (dx[at] as number) + (g[gBase + d] as number);
        }
      }
    }
  }
}

/** 2×2 windows at stride 2, none clipped (the common CNN pool): the same rule, unrolled; windows never overlap. */
function routeHalving(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const down = w * c;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const corner = ((b * h + 2 * i) * w + 2 * j) * c;
        for (let d = 0; d < c; d++, gi++) {
          const k = corner + d;
          let at = -1;
          let best = -Infinity;
          if ((x[k] as number) > best) ((best = x[k] as number), (at = k));
          if ((x[k + c] as number) > best) ((best = x[k + c] as number), (at = k + c));
          if ((x[k + down] as number) > best) ((best = x[k + down] as number), (at = k + down));
          if ((x[k + down + c] as number) > best) at = k + down + c;
          if (at >= 0) dx[at] = g[gi] as number;
        }
      }
    }
  }
}
