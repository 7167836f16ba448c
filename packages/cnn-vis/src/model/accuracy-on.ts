/** `accuracyOn`: the share of a dataset's images a classifier labels right (argmax of its output). */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '@openbox/datasets';

/** Accuracy of `model` on a dataset of images, in batches of 500. */
export function accuracyOn(model: tfl.LayersModel, data: Dataset): number {
  const [n, h, w, c] = data.shape as [number, number, number, number];
  let correct = 0;
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    const predicted = tf.tidy(() => {
      const x = tf.tensor4d(data.features.subarray(start * h * w * c, (start + count) * h * w * c), [
        count,
        h,
        w,
        c,
      ]);
      return tf.argMax(model.predict(x) as tf.Tensor2D, 1);
    });
    const values = predicted.dataSync();
    predicted.dispose();
    for (let i = 0; i < count; i++) if (values[i] === data.target[start + i]) correct++;
  }
  return correct / n;
}
