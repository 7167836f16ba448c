/** Conv2DBackpropInput for wasm: a stock (XNNPACK) Conv2D or GEMM + col2im instead of the naive stock loop. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { col2im } from './col2im.js';
import { dilateByStride, fullCorrelationPadding, rotateFilter } from './full-correlation.js';
import { conv2d, release, reshape, runStock, transpose } from './wasm-ops.js';

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
  const { top, bottom, left, right } = fullCorrelationPadding(info);
  if (format !== 'channelsLast') return runStock(backend, tf.Conv2DBackpropInput, inputs, args.attrs);
  if (info.inChannels < MIN_CONV_INPUT_CHANNELS || Math.min(top, left, bottom, right) < 0) {
    return gemmCol2im(backend, dy, filter, info);
  }
  // 2. Rotated filter and (for stride > 1) the zero-dilated output gradient.
  const rotated = rotateFilter(backend, filter);
  const dilated = dilateByStride(backend, dy, info);
  // 3. One stock convolution.
  const dx = conv2d(backend, dilated, rotated, [
    [top, bottom],
    [left, right],
  ]);
  release(backend, rotated);
  if (dilated !== dy) release(backend, dilated);
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
