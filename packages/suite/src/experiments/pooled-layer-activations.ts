/** `pooledLayerActivations`: one C-dim vector per image — a conv layer's activation, max-pooled over positions. */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';

/** Images per forward pass. */
const BATCH = 250;

/** The pooled activations of the first `count` images of a dataset: row-major `[count, channels]`, float64. */
export interface PooledActivations {
  readonly layer: string;
  readonly count: number;
  readonly channels: number;
  readonly values: Float64Array;
}

/**
 * For each of the first `count` images of `data`, the output of `layer` (after its activation, e.g. ReLU) max-pooled
 * over the spatial positions: a_ic = max_{y,x} layer(x_i)[y, x, c]. Batched through the adapter, each batch in a
 * `tf.tidy`; nothing is left allocated.
 * @example pooledLayerActivations(adapter, test, 'conv2', 1000) // { layer: 'conv2', count: 1000, channels: 32, values }
 */
export function pooledLayerActivations(
  adapter: ImageModel,
  data: Dataset,
  layer: string,
  count: number,
): PooledActivations {
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const channels = adapter.layer(layer, 'pooledLayerActivations').channels;
  const values = new Float64Array(count * channels);
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const pooled = tf.tidy(() => {
      const x = tf.tensor4d(data.features.subarray(start * size, (start + n) * size), [n, h, w, c]);
      const a = adapter.activations(x, [layer])[layer]!;
      return tf.max(tf.reshape(a, [n, -1, channels]), 1);
    });
    values.set(pooled.dataSync(), start * channels);
    pooled.dispose();
  }
  return { layer, count, channels, values };
}
