/** A `tf.tidy` that refuses the one return value that makes tidy slow: a large typed array. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from './messages.js';

/**
 * Run `fn` in a tensor scope: every tensor it creates is disposed except the tensors it returns.
 * Returning a TypedArray throws (tidy walks every element of returned values; return the tensor instead and read
 * it with `readAndDispose`).
 * @example const logits = scoped(() => model.apply(x) as tf.Tensor);
 */
export function scoped<T extends tf.TensorContainer>(fn: () => T): T {
  return tf.tidy(() => {
    const result = fn();
    if (ArrayBuffer.isView(result)) throw new Error(MESSAGES.scopedTypedArray());
    return result;
  });
}

/**
 * Read a tensor's values and dispose it.
 * @example const values = await readAndDispose(scoped(() => tf.square(x)));
 */
export async function readAndDispose(tensor: tf.Tensor): Promise<Float32Array | Int32Array | Uint8Array> {
  try {
    return (await tensor.data()) as Float32Array | Int32Array | Uint8Array;
  } finally {
    tensor.dispose();
  }
}
