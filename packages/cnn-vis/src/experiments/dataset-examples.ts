/** Dataset examples: the real images that activate a unit most, with the receptive-field crop of the best position. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@openbox/datasets';
import { MESSAGES } from '../messages.js';
import type { ImageModel } from '@openbox/runtime';
import { receptiveField, type InputBox } from '../model/receptive-field.js';
import { checkImages } from './unit.js';

/** One top-activating image for a channel. */
export interface DatasetExample {
  /** Row in the dataset. */
  readonly index: number;
  readonly label: number;
  /** Max over positions of the channel's activation (the unit itself for dense layers). */
  readonly activation: number;
  /** Position of that maximum in the layer (absent for dense layers). */
  readonly position?: { readonly y: number; readonly x: number };
  /** The input region that position sees, and its pixels `[y1−y0, x1−x0, c]` row-major. */
  readonly crop?: { readonly box: InputBox; readonly pixels: Float32Array };
}

/** Top-k examples per channel. */
export interface DatasetExamplesReport {
  readonly layer: string;
  readonly channels: readonly number[];
  readonly examples: readonly (readonly DatasetExample[])[];
}

/**
 * For each channel of `layer`: the k dataset images with the largest activation (max over positions), and for
 * spatial layers the receptive-field crop around the arg-max position (Olah et al. 2017, "dataset examples";
 * Zeiler & Fergus 2014 show such crops).
 * @example datasetExamples(adapter, test, { layer: 'conv2', channels: [0, 1], k: 9, limit: 2000 })
 */
export function datasetExamples(
  adapter: ImageModel,
  data: Dataset,
  options: { layer: string; channels: readonly number[]; k?: number; limit?: number },
): DatasetExamplesReport {
  checkImages('datasetExamples', adapter, data);
  const k = options.k ?? 9;
  if (!Number.isInteger(k) || k <= 0) throw new Error(MESSAGES.positiveInteger('datasetExamples', 'k', k));
  options.channels.forEach((c) => adapter.checkChannel(options.layer, c, 'datasetExamples'));
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const n = Math.min(options.limit ?? data.shape[0]!, data.shape[0]!);
  const best = options.channels.map(() => [] as { index: number; activation: number; pos: number }[]);
  let spatial: readonly number[] = [];
  // 1. Max over positions per image and channel, in batches; keep a running top-k.
  for (let start = 0; start < n; start += 256) {
    const count = Math.min(256, n - start);
    const [maxT, argT] = tf.tidy(() => {
      const x = tf.tensor4d(data.features.subarray(start * size, (start + count) * size), [count, h, w, c]);
      const a = adapter.activations(x, [options.layer])[options.layer]!;
      const flat =
        a.rank === 2 ? tf.expandDims(a, 1) : tf.reshape(a, [count, -1, a.shape[a.rank - 1] as number]);
      return [tf.max(flat, 1), tf.argMax(flat, 1)];
    });
    if (spatial.length === 0) spatial = adapter.layer(options.layer).outputShape.slice(1, -1) as number[];
    const maxima = maxT.dataSync();
    const args = argT.dataSync();
    const channels = maxT.shape[1] as number;
    tf.dispose([maxT, argT]);
    options.channels.forEach((ch, j) => {
      for (let i = 0; i < count; i++)
        best[j]!.push({
          index: start + i,
          activation: maxima[i * channels + ch]!,
          pos: args[i * channels + ch]!,
        });
      best[j]!.sort((a, b) => b.activation - a.activation);
      best[j]!.length = Math.min(best[j]!.length, k);
    });
  }
  // 2. Receptive-field crops.
  const examples = best.map((list) =>
    list.map((e): DatasetExample => {
      const base = { index: e.index, label: data.target[e.index]!, activation: e.activation };
      if (spatial.length !== 2) return base;
      const width = spatial[1]!;
      const position = { y: Math.floor(e.pos / width), x: e.pos % width };
      const box = receptiveField(adapter, options.layer, position.y, position.x);
      const pixels = new Float32Array((box.y1 - box.y0) * (box.x1 - box.x0) * c);
      let o = 0;
      for (let y = box.y0; y < box.y1; y++)
        for (let x = box.x0; x < box.x1; x++)
          for (let ch = 0; ch < c; ch++) pixels[o++] = data.features[e.index * size + (y * w + x) * c + ch]!;
      return { ...base, position, crop: { box, pixels } };
    }),
  );
  return { layer: options.layer, channels: [...options.channels], examples };
}
