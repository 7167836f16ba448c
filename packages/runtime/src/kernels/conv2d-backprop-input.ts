/** Conv2DBackpropInput for wasm: a stock (XNNPACK) Conv2D or GEMM + col2im instead of the naive stock loop. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { col2im } from './col2im.js';
import { conv2d, heapView, release, reshape, runStock, transpose, zerosOutput } from './wasm-ops.js';

/**
 * Below this many input channels the full correlation has too few output channels for XNNPACK's tiles; such layers
 * (an image's first convolution) take the GEMM + col2im route instead.
 */
export const MIN_CONV_INPUT_CHANNELS = 4;

/**
 * The input gradient of a 2-D convolution (a transposed convolution), computed as a full correlation:
 * dx = conv2d(dilate(dy, stride), rot180(W) with in/out channels swapped), padded by (k − 1 − pad) before and so that
 * the output matches the input size after. Stride s > 1 inserts s − 1 zeros between dy's rows and columns.
 * With fewer than {@link MIN_CONV_INPUT_CHANNELS} input channels, or paddings larger than the filter, it is instead
 * cols = dy · Wᵀ (one stock matrix product, [n·oh·ow, co] · [co, kh·kw·ci]) scattered back by {@link col2im}.
 * NCHW goes to the stock wasm kernel.
 * @example tf.grad((x) => tf.conv2d(x, w, 1, 'same').sum())(x) // runs this kernel on wasm
 */
export function conv2dBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { inputs, backend } = args;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const { dy, filter } = inputs as unknown as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  // 1. Geometry of the forward convolution and of the full correlation.
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    format,
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const spanH = (info.outHeight - 1) * sh + 1;
  const spanW = (info.outWidth - 1) * sw + 1;
  const top = kh - 1 - padInfo.top;
  const left = kw - 1 - padInfo.left;
  const bottom = info.inHeight + kh - 1 - spanH - top;
  const right = info.inWidth + kw - 1 - spanW - left;
  if (format !== 'channelsLast') return runStock(backend, tf.Conv2DBackpropInput, inputs, args.attrs);
  if (info.inChannels < MIN_CONV_INPUT_CHANNELS || Math.min(top, left, bottom, right) < 0) {
    return gemmCol2im(backend, dy, filter, info);
  }
  // 2. Rotated filter and (for stride > 1) the zero-dilated output gradient.
  const rotated = rotateFilter(backend, filter);
  const dilated = sh === 1 && sw === 1 ? dy : dilate(backend, dy, sh, sw, spanH, spanW);
  // 3. One stock convolution.
  const dx = conv2d(backend, dilated, rotated, [
    [top, bottom],
    [left, right],
  ]);
  release(backend, rotated, ...(dilated === dy ? [] : [dilated]));
  return dx;
}

/** dx = col2im(dy · Wᵀ): every output pixel's gradient spread over the input patch it saw. */
function gemmCol2im(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const w2d = reshape(backend, filter, [1, patch, info.outChannels]);
  const wT = transpose(backend, w2d, [0, 2, 1]);
  const dy2d = reshape(backend, dy, [1, rows, info.outChannels]);
  const cols = runStock(
    backend,
    tf.BatchMatMul,
    { a: dy2d, b: wT },
    { transposeA: false, transposeB: false },
  );
  const dx = col2im(backend, cols, {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    channels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  });
  release(backend, w2d, wT, dy2d, cols);
  return dx;
}

/** W[kh, kw, ci, co] → R[kh', kw', co, ci] with R[a, b, o, i] = W[kh − 1 − a, kw − 1 − b, i, o]. */
function rotateFilter(backend: BackendWasm, filter: tf.TensorInfo): tf.TensorInfo {
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

/** dy [n, oh, ow, c] spread onto a zero grid [n, spanH, spanW, c] at every sh-th row and sw-th column. */
function dilate(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  sh: number,
  sw: number,
  spanH: number,
  spanW: number,
): tf.TensorInfo {
  const [n = 0, oh = 0, ow = 0, c = 0] = dy.shape;
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
