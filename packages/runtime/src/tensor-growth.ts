/** Measures whether a function leaks tensors: growth of `tf.memory().numTensors` across repeated calls. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from './messages.js';

/**
 * Call `fn` once to warm up (caches, lazily built kernels), then `repeats` more times, and return how many tensors
 * were alive afterwards beyond those alive after the warm-up. A function that disposes everything returns 0.
 * Values `fn` returns that are tensors (or arrays of tensors) are disposed after each call, as a caller would.
 * @example expect(await tensorGrowth(() => model.predict(x).dispose(), 5)).toBe(0);
 */
export async function tensorGrowth(fn: () => unknown, repeats = 3): Promise<number> {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(MESSAGES.badRepeats(repeats));
  const callAndDispose = async () => {
    const value = await fn();
    tf.dispose(value as tf.TensorContainer);
  };
  await callAndDispose();
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i++) await callAndDispose();
  return tf.memory().numTensors - before;
}
