/** Pieces of a convolution's input gradient written as a full correlation: padding, rotated filter, dilated dy. */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, zerosOutput } from './wasm-ops.js';

/**
 * Padding of the stride-dilated dy that makes a stride-1 correlation with the rotated filter yield exactly the input's
 * size: (k − 1 − pad) before, the rest after. Negative where the forward padding exceeded the filter.
 */
export function fullCorrelationPadding(info: tf.backend_util.Conv2DInfo): {
  top: number;
  bottom: number;
  left: number;
  right: number;
} {
  const { filterHeight: kh, filterWidth: kw, padInfo } = info;
  const top = kh - 1 - padInfo.top;
  const left = kw - 1 - padInfo.left;
  const bottom = info.inHeight + kh - 1 - ((info.outHeight - 1) * info.strideHeight + 1) - top;
  const right = info.inWidth + kw - 1 - ((info.outWidth - 1) * info.strideWidth + 1) - left;
  return { top, bottom, left, right };
}

/** W[kh, kw, ci, co] → R[kh', kw', co, ci] with R[a, b, o, i] = W[kh − 1 − a, kw − 1 − b, i, o]. */
export function rotateFilter(backend: BackendWasm, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh = 0, kw = 0, ci = 0, co = 0] = filter.shape;
  const { info, values: out } = zerosOutput(backend, [kh, kw, co, ci]);
  const w = heapView(backend, filter);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const src = ((kh - 1 - a) * kw + (kw - 1 - b)) * ci * co;
      const dst = (a * kw + b) * co * ci;
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) out[dst + o * ci + i] = w[src + i * co + o] as number;
      }
    }
  }
  return info;
}

/**
 * dy [n, oh, ow, c] spread onto a zero grid [n, (oh − 1)·sh + 1, (ow − 1)·sw + 1, c] at every sh-th row and sw-th
 * column (the forward strides); dy itself when both strides are 1.
 */
export function dilateByStride(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  geometry: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { strideHeight: sh, strideWidth: sw } = geometry;
  if (sh === 1 && sw === 1) return dy;
  const [n = 0, oh = 0, ow = 0, c = 0] = dy.shape;
  const spanH = (oh - 1) * sh + 1;
  const spanW = (ow - 1) * sw + 1;
  const { info, values: out } = zerosOutput(backend, [n, spanH, spanW, c]);
  const src = heapView(backend, dy);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const from = ((b * oh + i) * ow + j) * c;
        out.set(src.subarray(from, from + c), ((b * spanH + i * sh) * spanW + j * sw) * c);
      }
    }
  }
  return info;
}
