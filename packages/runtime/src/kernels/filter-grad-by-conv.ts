/** A convolution's filter gradient as one stock (XNNPACK) Conv2D whose filter is dy (batch and channels swapped). */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, release, slice, transpose } from './wasm-ops.js';

/**
 * dW[kh, kw, ci, co] = Σ_{b, i, j} x[b, i·s + kh − pad, j·s + kw − pad, ci] · dy[b, i, j, co] as one convolution: the
 * input with batch and channel axes swapped ([ci, h, w, b]) is convolved by the output gradient laid out as a filter
 * ([oh, ow, b, co]) with dilation = the forward stride; the result [ci, kh, kw, co] is sliced to the filter size and
 * transposed to [kh, kw, ci, co]. Cost: the convolution (ci·kh·kw output pixels × n·oh·ow·co), plus XNNPACK packing
 * dy as a filter on every call (it changes every step) and three transposes. NHWC and NCHW; dilation 1.
 * @example filterGradByConv(backend, x, dy, info, true)
 */
export function filterGradByConv(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  channelsLast: boolean,
): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  // 1. Swap batch and channels: x → [ci, h, w, b], dy → [oh, ow, b, co].
  const xT = transpose(backend, x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
  const dyT = transpose(backend, dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
  // 2. Pad so the correlation yields exactly kh × kw positions (or more, sliced off below).
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
  // 3. [ci, kh', kw', co] → [kh, kw, ci, co].
  const fits = full.shape[1] === kh && full.shape[2] === kw;
  const cut = fits ? full : slice(backend, full, [0, 0, 0, 0], [info.inChannels, kh, kw, info.outChannels]);
  const dw = transpose(backend, cut, [1, 2, 0, 3]);
  release(backend, full);
  if (cut !== full) release(backend, cut);
  return dw;
}
