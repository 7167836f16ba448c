/** Depthwise-convolution gradients for wasm (both missing from tfjs-backend-wasm): direct loops on wasm memory. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { dilateByStride, fullCorrelationPadding, rotateFilter } from './full-correlation.js';
import { heapView, release, reshape, runStock, zerosOutput } from './wasm-ops.js';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap };

/** Geometry of the forward depthwise convolution ([kh, kw, c, m] filter, output channel c·m + k), NHWC. */
function geometry(
  inShape: number[],
  filterShape: number[],
  attrs: tf.DepthwiseConv2dNativeBackpropInputAttrs | tf.DepthwiseConv2dNativeBackpropFilterAttrs,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

/**
 * Visit every (input pixel, filter tap, output pixel) triple of a depthwise convolution that lies inside the image:
 * `visit(xBase, wBase, yBase)` with the offsets of x[b, r, s, 0], W[a, c, 0, 0] and y[b, i, j, 0].
 */
function forEachTap(
  info: tf.backend_util.Conv2DInfo,
  visit: (x: number, w: number, y: number) => void,
): void {
  const { batchSize, inHeight: h, inWidth: wd, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw, padInfo, outChannels } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const y = ((b * oh + i) * ow + j) * outChannels;
        for (let a = 0; a < fh; a++) {
          const r = i * sh - padInfo.top + a * dh;
          if (r < 0 || r >= h) continue;
          for (let e = 0; e < fw; e++) {
            const s = j * sw - padInfo.left + e * dw;
            if (s < 0 || s >= wd) continue;
            visit(((b * h + r) * wd + s) * c, (a * fw + e) * outChannels, y);
          }
        }
      }
    }
  }
}

/**
 * dx[b, r, s, c] = Σ dy[b, i, j, c·m + k] · W[a, e, c, k] over the taps (i, j, a, e) that read x[b, r, s, c].
 * With multiplier m = 1 (MobileNet's case) this is one stock (XNNPACK) depthwise convolution of the stride-dilated dy
 * by the 180°-rotated filter; other multipliers, and paddings beyond the filter, take a direct loop.
 * @example tf.grad((x) => tf.depthwiseConv2d(x, w, 1, 'same').sum())(x) // runs this kernel on wasm
 */
export function depthwiseConv2dBackpropInput(args: KernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const { dy, filter } = args.inputs as unknown as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const info = geometry(attrs.inputShape, filter.shape, attrs);
  const pads = fullCorrelationPadding(info);
  if (info.outChannels === info.inChannels && Math.min(pads.top, pads.bottom, pads.left, pads.right) >= 0) {
    return viaStockDepthwise(args.backend, dy, filter, info, pads);
  }
  const { info: out, values: dx } = zerosOutput(args.backend, attrs.inputShape);
  const g = heapView(args.backend, dy);
  const w = heapView(args.backend, filter);
  const c = info.inChannels;
  const m = info.outChannels / c;
  forEachTap(info, (x0, w0, y0) => {
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += (g[y0 + ch * m + k] as number) * (w[w0 + ch * m + k] as number);
      dx[x0 + ch] = (dx[x0 + ch] as number) + sum;
    }
  });
  return out;
}

/** dx = depthwiseConv2d(dilate(dy), rot180(W)) with the full-correlation padding (multiplier 1). */
function viaStockDepthwise(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  pads: ReturnType<typeof fullCorrelationPadding>,
): tf.TensorInfo {
  const rotated = rotateFilter(backend, filter); // [kh, kw, 1, c]: the same memory as [kh, kw, c, 1] rotated
  const asDepthwise = reshape(backend, rotated, [info.filterHeight, info.filterWidth, info.inChannels, 1]);
  const dilated = dilateByStride(backend, dy, info);
  const pad = [
    [0, 0],
    [pads.top, pads.bottom],
    [pads.left, pads.right],
    [0, 0],
  ];
  const dx = runStock(backend, 'DepthwiseConv2dNative', { x: dilated, filter: asDepthwise }, {
    strides: [1, 1],
    dilations: [1, 1],
    pad,
    dimRoundingMode: undefined,
  } as unknown as tf.NamedAttrMap);
  release(backend, rotated, asDepthwise);
  if (dilated !== dy) release(backend, dilated);
  return dx;
}

/**
 * dW[a, e, c, k] = Σ_{b, i, j} x[b, i·s − pad + a, j·s − pad + e, c] · dy[b, i, j, c·m + k], accumulated in float64.
 * @example tf.grad((w) => tf.depthwiseConv2d(x, w, 1, 'same').sum())(w) // runs this kernel on wasm
 */
export function depthwiseConv2dBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const { x, dy } = args.inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const info = geometry(x.shape, attrs.filterShape, attrs);
  const { info: out, values: dw } = zerosOutput(args.backend, attrs.filterShape);
  const xs = heapView(args.backend, x);
  const g = heapView(args.backend, dy);
  const c = info.inChannels;
  const m = info.outChannels / c;
  const sums = new Float64Array(dw.length);
  forEachTap(info, (x0, w0, y0) => {
    if (m === 1) {
      for (let ch = 0; ch < c; ch++) {
        sums[w0 + ch] = (sums[w0 + ch] as number) + (xs[x0 + ch] as number) * (g[y0 + ch] as number);
      }
      return;
    }
    for (let ch = 0; ch < c; ch++) {
      const v = xs[x0 + ch] as number;
      for (let k = 0; k < m; k++)
        sums[w0 + ch * m + k] = (sums[w0 + ch * m + k] as number) + v * (g[y0 + ch * m + k] as number);
    }
  });
  dw.set(sums);
  return out;
}
