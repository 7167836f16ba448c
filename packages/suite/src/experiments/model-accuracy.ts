/** `modelAccuracy`: the argmax accuracy of any image model (LayersModel or GraphModel) on a dataset, in batches. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@openbox/datasets';
import type { ImageModel } from '@openbox/runtime';

/** Images per forward pass: small enough for a 224×224×3 model's activations, large enough to amortize a call. */
const BATCH = 64;

/**
 * Fraction of the rows of `data` (`[n, h, w, c]`, the model's input size) whose argmax logit is their `target`.
 * @example modelAccuracy(setup.adapter, setup.test) // 0.93
 */
export function modelAccuracy(adapter: ImageModel, data: Dataset): number {
  const [n, h, w, c] = data.shape as [number, number, number, number];
  const size = h * w * c;
  let correct = 0;
  for (let start = 0; start < n; start += BATCH) {
    const count = Math.min(BATCH, n - start);
    const x = tf.tensor4d(data.features.subarray(start * size, (start + count) * size), [count, h, w, c]);
    try {
      const predicted = adapter.predictClasses(x);
      for (let i = 0; i < count; i++) if (predicted[i] === data.target[start + i]) correct++;
    } finally {
      x.dispose();
    }
  }
  return correct / n;
}
