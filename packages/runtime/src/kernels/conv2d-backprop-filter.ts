/** Conv2DBackpropFilter for wasm (missing from tfjs-backend-wasm): one stock XNNPACK op, GEMM or Conv2D by shape. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradByConv } from './filter-grad-by-conv.js';
import { filterGradByGemm } from './filter-grad-by-gemm.js';

/** The two formulations of the filter gradient, both exact up to float32 summation order. */
export const FILTER_GRAD_ROUTES = { gemm: filterGradByGemm, conv: filterGradByConv } as const;
/** One of {@link FILTER_GRAD_ROUTES}. */
export type FilterGradRoute = keyof typeof FILTER_GRAD_ROUTES;

/**
 * From this many input channels on, the filter gradient is one Conv2D with dy as its filter; below, im2col(x)ᵀ · dy.
 * Both routes have XNNPACK pack dy on every call (~10 ns per value, one thread: tfjs-backend-wasm 4.22 exposes no
 * XNNPACK op with two dynamic operands); with few input channels the GEMM's other operand, the transposed im2col, is
 * small (kh·kw·ci rows), while the convolution route adds two transposes of dy and runs an output of only kh·kw·ci
 * pixels. Measured at the reference net, batch 64, a new dy per call, interleaved (`bench/kernel-timings.ts`): conv1
 * (ci 1) GEMM 0.64× the Conv2D route's time on one thread (0.9× [0.58–1.2] inside a training step), 1.02× on two;
 * conv2 (ci 16) GEMM 1.6× (its 1.6 M-value im2col), so from 4 channels on the Conv2D route is kept.
 */
export const MIN_CONV_FILTER_GRAD_CHANNELS = 4;

/** The route {@link conv2dBackpropFilter} takes for a convolution of this geometry. */
export function filterGradRoute(info: tf.backend_util.Conv2DInfo): FilterGradRoute {
  return info.inChannels < MIN_CONV_FILTER_GRAD_CHANNELS ? 'gemm' : 'conv';
}

/** A Conv2DBackpropFilter kernel function: the kernel's arguments in, dW out. */
type FilterGradKernel = (args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}) => tf.TensorInfo;

/**
 * A Conv2DBackpropFilter kernel that always takes `route` (or, without one, the route {@link filterGradRoute} picks):
 * benchmarks register it to compare the routes inside a training step.
 * @example tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: filterGradKernel('conv') })
 */
export function filterGradKernel(route?: FilterGradRoute): FilterGradKernel {
  return function conv2dBackpropFilter(args) {
    const { inputs, backend } = args;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const { x, dy } = inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
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
    return FILTER_GRAD_ROUTES[route ?? filterGradRoute(info)](
      backend,
      x,
      dy,
      info,
      format === 'channelsLast',
    );
  };
}

/**
 * The filter gradient of a 2-D convolution, dW[kh, kw, ci, co] = Σ_{b, i, j} x[b, i·s + kh − pad, j·s + kw − pad, ci] ·
 * dy[b, i, j, co], by the route {@link filterGradRoute} picks (see {@link filterGradByGemm}, {@link filterGradByConv}).
 * Supports NHWC and NCHW, any stride, 'valid' / 'same' / numeric / explicit padding; dilation 1 (as tfjs' gradient).
 * @example tf.grad((w) => tf.conv2d(x, w, 1, 'valid').sum())(w) // runs this kernel on wasm
 */
export const conv2dBackpropFilter: FilterGradKernel = filterGradKernel();
