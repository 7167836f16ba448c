/** Registers OpenBox's JS kernels over the wasm backend (training and input-gradient kernels it lacks or runs slowly). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMul } from './batch-mat-mul.js';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.js';
import { conv2dBackpropInput } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilter, depthwiseConv2dBackpropInput } from './depthwise-conv2d-backprop.js';
import { maxPoolGrad } from './max-pool-grad.js';
import { KERNEL_MESSAGES } from './messages.js';
import { unsortedSegmentSum } from './unsorted-segment-sum.js';
import { saveStockKernel, takeStockKernel } from './wasm-ops.js';

/** The kernels OpenBox registers for `wasm`, named as tfjs names them. */
export const WASM_KERNEL_NAMES = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'MaxPoolGrad',
  'BatchMatMul',
  'UnsortedSegmentSum',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
] as const;
/** One of {@link WASM_KERNEL_NAMES}. */
export type WasmKernelName = (typeof WASM_KERNEL_NAMES)[number];

/** The stock kernels the OpenBox ones call into (they must exist before registering). */
const REQUIRED_STOCK = [
  'Conv2D',
  'DepthwiseConv2dNative',
  'Transpose',
  'Reshape',
  'Slice',
  'BatchMatMul',
  'Conv2DBackpropInput',
] as const;

const KERNELS: Record<WasmKernelName, tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2dBackpropFilter as unknown as tf.KernelFunc,
  Conv2DBackpropInput: conv2dBackpropInput as unknown as tf.KernelFunc,
  MaxPoolGrad: maxPoolGrad as unknown as tf.KernelFunc,
  BatchMatMul: batchMatMul as unknown as tf.KernelFunc,
  UnsortedSegmentSum: unsortedSegmentSum as unknown as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInput as unknown as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilter as unknown as tf.KernelFunc,
};

/** Whether the wasm registry holds OpenBox's `name` kernel now. */
function isOurs(name: WasmKernelName): boolean {
  return tf.getKernel(name, 'wasm')?.kernelFunc === KERNELS[name];
}

/**
 * Register every OpenBox kernel for the `wasm` backend, over the stock ones where they exist (the stock config is kept:
 * its `setupFunc` still runs when the backend initializes, and OpenBox kernels fall back to it). Idempotent.
 * With them the reference CNN trains on wasm (stock: Conv2DBackpropFilter is missing; measured ~1,000–1,400 samples/s
 * at batch 64 on 2 shared cores) and its input gradients run ~2.4× faster than stock; see BENCHMARKS.md.
 * @returns the kernel names now registered by OpenBox.
 * @example registerWasmKernels(); await tf.setBackend('wasm');
 */
export function registerWasmKernels(): string[] {
  for (const name of REQUIRED_STOCK) {
    if (!tf.getKernel(name, 'wasm')) throw new Error(KERNEL_MESSAGES.stockMissing(name));
  }
  for (const name of WASM_KERNEL_NAMES) {
    if (isOurs(name)) continue;
    const stock = tf.getKernel(name, 'wasm');
    if (stock) {
      saveStockKernel(stock);
      tf.unregisterKernel(name, 'wasm');
    }
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: KERNELS[name],
      setupFunc: stock?.setupFunc,
    });
  }
  return [...WASM_KERNEL_NAMES];
}

/**
 * Undo {@link registerWasmKernels}: restore the stock wasm kernels (and drop those wasm lacks). Idempotent.
 * Benchmarks use it to measure the stock baseline in the same process.
 * @returns the kernel names that were removed.
 */
export function unregisterWasmKernels(): string[] {
  const removed: string[] = [];
  for (const name of WASM_KERNEL_NAMES) {
    if (!isOurs(name)) continue;
    tf.unregisterKernel(name, 'wasm');
    const stock = takeStockKernel(name);
    if (stock) tf.registerKernel(stock);
    removed.push(name);
  }
  return removed;
}
