/** Conv2DBackpropFilter for wasm (missing from tfjs-backend-wasm): one stock Conv2D over transposed operands. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, release, slice, transpose } from './wasm-ops.js';

/**
 * The filter gradient of a 2-D convolution, dW[kh, kw, ci, co] = Σ_{b, i, j} x[b, i·s + kh − pad, j·s + kw − pad, ci] ·
 * dy[b, i, j, co], computed as one convolution: the input with batch and channel axes swapped ([ci, h, w, b]) is
 * convolved by the output gradient laid out as a filter ([oh, ow, b, co]) with dilation = the forward stride.
 * The result [ci, kh, kw, co] is sliced to the filter size and transposed to [kh, kw, ci, co].
 * Supports NHWC and NCHW, any stride, 'valid' / 'same' / numeric / explicit padding; dilation 1 (as tfjs' gradient).
 * @example tf.grad((w) => tf.conv2d(x, w, 1, 'valid').sum())(w) // runs this kernel on wasm
 */
export function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { inputs, backend } = args;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const { x, dy } = inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  // 1. Geometry of the forward convolution.
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    format,
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const channelsLast = format === 'channelsLast';
  // 2. Swap batch and channels: x → [ci, h, w, b], dy → [oh, ow, b, co].
  const xT = transpose(backend, x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
  const dyT = transpose(backend, dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
  // 3. Pad so the correlation yields exactly kh × kw positions (or more, sliced off below).
  const spanH = (info.outHeight - 1) * sh + 1;
  const spanW = (info.outWidth - 1) * sw + 1;
  const bottom = Math.max(0, kh - 1 + spanH - info.inHeight - padInfo.top);
  const right = Math.max(0, kw - 1 + spanW - info.inWidth - padInfo.left);
  const full = conv2d(
    backend,
    xT,
    dyT,
    [
      [padInfo.top, bottom],
      [padInfo.left, right],
    ],
    [sh, sw],
  );
  release(backend, xT, dyT);
  // 4. [ci, kh', kw', co] → [kh, kw, ci, co].
  const fits = full.shape[1] === kh && full.shape[2] === kw;
  const cut = fits ? full : slice(backend, full, [0, 0, 0, 0], [info.inChannels, kh, kw, info.outChannels]);
  const dw = transpose(backend, cut, [1, 2, 0, 3]);
  release(backend, full);
  if (cut !== full) release(backend, cut);
  return dw;
}
