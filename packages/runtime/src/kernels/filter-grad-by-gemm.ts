/** A convolution's filter gradient as one stock (XNNPACK) matrix product: dW = im2col(x)ᵀ · dy. */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { im2colTransposed } from './im2col.js';
import { release, reshape, runStock, transpose } from './wasm-ops.js';

/**
 * dW[(kh, kw, ci), co] = Σ_{b, i, j} colsT[(kh, kw, ci), (b, i, j)] · dy[(b, i, j), co]: the transposed im2col of x
 * ([kh·kw·ci, n·oh·ow], built by {@link im2colTransposed} from x with channels first) times dy as a matrix
 * ([n·oh·ow, co]), one stock BatchMatMul (XNNPACK's GEMM, which packs its second operand, dy, on every call).
 * The product is the filter's layout already. Cost: the GEMM (kh·kw·ci × n·oh·ow × co), the im2col (kh·kw·ci·n·oh·ow
 * copies, native runs at stride 1), packing dy (~10 ns per value) and one transpose of x (none of dy for NHWC).
 * NHWC and NCHW; dilation 1.
 * @example filterGradByGemm(backend, x, dy, info, true)
 */
export function filterGradByGemm(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  channelsLast: boolean,
): tf.TensorInfo {
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  // 1. x → [ci, n, h, w] and its transposed im2col.
  const xT = transpose(backend, x, channelsLast ? [3, 0, 1, 2] : [1, 0, 2, 3]);
  const colsT = im2colTransposed(backend, xT, info);
  release(backend, xT);
  // 2. dy as the [n·oh·ow, co] matrix (NCHW: channels moved last first).
  const dyLast = channelsLast ? dy : transpose(backend, dy, [0, 2, 3, 1]);
  const dy2d = reshape(backend, dyLast, [1, rows, info.outChannels]);
  const a = reshape(backend, colsT, [1, patch, rows]);
  const product = runStock(backend, 'BatchMatMul', { a, b: dy2d }, { transposeA: false, transposeB: false });
  const dw = reshape(backend, product, [
    info.filterHeight,
    info.filterWidth,
    info.inChannels,
    info.outChannels,
  ]);
  release(backend, colsT, a, dy2d, product);
  if (dyLast !== dy) release(backend, dyLast);
  return dw;
}
