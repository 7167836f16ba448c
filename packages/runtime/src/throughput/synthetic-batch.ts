/** A seeded random batch (uniform pixels, one-hot labels) for throughput measurements. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../rng.js';

/** `x` `[batchSize, ...inputShape]` uniform in [0, 1) and one-hot `y` `[batchSize, classes]`; caller disposes. */
export function syntheticBatch(
  batchSize: number,
  inputShape: readonly number[],
  classes: number,
  seed: number,
): { x: tf.Tensor; y: tf.Tensor2D } {
  const rng = createRng(seed).fork('synthetic-batch');
  const size = inputShape.reduce((a, b) => a * b, 1);
  const pixels = Float32Array.from({ length: batchSize * size }, () => rng.next());
  const labels = new Float32Array(batchSize * classes);
  for (let i = 0; i < batchSize; i++) labels[i * classes + rng.int(classes)] = 1;
  return { x: tf.tensor(pixels, [batchSize, ...inputShape]), y: tf.tensor2d(labels, [batchSize, classes]) };
}
