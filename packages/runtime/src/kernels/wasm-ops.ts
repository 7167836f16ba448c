/** Typed calls into the stock wasm kernels, for composing OpenBox kernels out of them without tf ops or tape. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Stock wasm kernel configs that OpenBox replaced, kept so its kernels can still call them. */
const stockKernels = new Map<string, tf.KernelConfig>();

/** Remember the stock kernel `config` before OpenBox registers over it. */
export function saveStockKernel(config: tf.KernelConfig): void {
  stockKernels.set(config.kernelName, config);
}

/** The stock kernel OpenBox replaced under `name`, if any (and forget it). */
export function takeStockKernel(name: string): tf.KernelConfig | undefined {
  const config = stockKernels.get(name);
  stockKernels.delete(name);
  return config;
}

/**
 * Run the stock wasm kernel `name` (the one tfjs-backend-wasm registered, even where OpenBox registered over it).
 * @example runStock(backend, 'Transpose', { x }, { perm: [1, 0] })
 */
export function runStock(
  backend: BackendWasm,
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = stockKernels.get(name) ?? tf.getKernel(name, 'wasm');
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** Release the backend memory of intermediate results (reference-counted, so shared data survives). */
export function release(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** `x` with its axes permuted by `perm`. */
export function transpose(backend: BackendWasm, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return runStock(backend, 'Transpose', { x }, { perm });
}

/** `x` reshaped to `shape` (shares memory). */
export function reshape(backend: BackendWasm, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return runStock(backend, 'Reshape', { x }, { shape });
}

/** The block of `x` starting at `begin` with extent `size`. */
export function slice(
  backend: BackendWasm,
  x: tf.TensorInfo,
  begin: number[],
  size: number[],
): tf.TensorInfo {
  return runStock(backend, 'Slice', { x }, { begin, size });
}

/** NHWC 2-D convolution of `x` by `filter` ([kh, kw, in, out]) with explicit padding [[top, bottom], [left, right]]. */
export function conv2d(
  backend: BackendWasm,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  padding: readonly [readonly [number, number], readonly [number, number]],
  dilations: [number, number] = [1, 1],
): tf.TensorInfo {
  const pad = [[0, 0], [...padding[0]], [...padding[1]], [0, 0]];
  return runStock(backend, 'Conv2D', { x, filter }, {
    strides: [1, 1],
    pad,
    dataFormat: 'NHWC',
    dilations,
    dimRoundingMode: undefined,
  } as unknown as tf.NamedAttrMap);
}

/** A new float32 tensor of `shape` and a writable view of its (zero-filled) wasm memory. */
export function zerosOutput(
  backend: BackendWasm,
  shape: number[],
): { info: tf.TensorInfo; values: Float32Array } {
  const info = backend.makeOutput(shape, 'float32');
  const values = backend.typedArrayFromHeap(info) as Float32Array;
  values.fill(0);
  return { info, values };
}

/** A read-only view of `x`'s wasm memory (valid until the next allocation). */
export function heapView(backend: BackendWasm, x: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(x) as Float32Array;
}

/**
 * All of wasm memory as one float32 array, and where `view` (a {@link heapView} or {@link zerosOutput} array) starts in
 * it: for `copyWithin` between two tensors, a native memmove with no per-call allocation (`subarray` allocates).
 * @example const { heap, at } = wholeHeap(values); heap.copyWithin(at, from, from + run);
 */
export function wholeHeap(view: Float32Array): { heap: Float32Array; at: number } {
  return { heap: new Float32Array(view.buffer), at: view.byteOffset >> 2 };
}
