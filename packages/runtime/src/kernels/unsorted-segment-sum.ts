/** UnsortedSegmentSum for wasm (missing from tfjs-backend-wasm; it is the gradient of `gather`). */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, zerosOutput } from './wasm-ops.js';
import { KERNEL_MESSAGES } from './messages.js';

/**
 * out[s, …] = Σ_{i : ids[i] = s} x[i, …] for s in [0, numSegments); ids outside that range are dropped (as in
 * TensorFlow). `ids` has the shape of x's leading axes; float32 x only (gradients are float32).
 * @example tf.grad((t) => tf.gather(t, [2, 0, 2]).sum())(t) // runs this kernel on wasm
 */
export function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { inputs, backend } = args;
  const { numSegments } = args.attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const { x, segmentIds } = inputs as unknown as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  if (x.dtype !== 'float32') throw new Error(KERNEL_MESSAGES.float32Only('UnsortedSegmentSum', 'x', x.dtype));
  const inner = tf.util.sizeFromShape(x.shape.slice(segmentIds.shape.length));
  const { info, values: out } = zerosOutput(backend, [
    numSegments,
    ...x.shape.slice(segmentIds.shape.length),
  ]);
  const values = heapView(backend, x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i] as number;
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) out[to + k] = (out[to + k] as number) + (values[from + k] as number);
  }
  return info;
}
