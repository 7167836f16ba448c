/** `layerReadability`: one conv layer's units read from their weights alone, from a random image, and by optimization. */
import { requireLayersModel } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import {
  neuron,
  receptiveField,
  renderUnits,
  type LayerInfo,
  type ImageModel,
  type RenderOptions,
} from '@openbox/cnn-vis';
import type { Rng } from '@openbox/runtime';
import { compositeFilter } from './composite-filter.js';

/** The grey that fills the weights-alone image outside the unit's receptive field (the box's midpoint). */
export const GREY = 0.5;

/** One unit's three readings, each measured on the real network (pre-activation at the unit). */
export interface UnitReading {
  readonly channel: number;
  /** The weights-alone image `[h, w, c]`: 1[filter > 0] in the receptive field, {@link GREY} elsewhere. */
  readonly weightsImage: Float32Array;
  readonly optimizedImage: Float32Array;
  readonly weightsValue: number;
  readonly optimizedValue: number;
  /** The unit on each random image (one per draw). */
  readonly randomValues: readonly number[];
}

/** A layer's readings, its unit's position and the steps used. */
export interface LayerReadings {
  readonly layer: string;
  /** The unit studied in each channel: the centre of the map, as the `neuron` objective picks it. */
  readonly y: number;
  readonly x: number;
  readonly units: readonly UnitReading[];
}

/**
 * The box optimum of a linear filter over the image: argmax over x ∈ [0, 1]^d of ⟨f, x⟩ is 1[f > 0] (0 where f ≤ 0);
 * pixels outside the receptive field `box` (which the unit cannot see) are {@link GREY}.
 */
export function boxOptimumImage(
  filter: ArrayLike<number>,
  shape: readonly [number, number, number],
  box: { y0: number; x0: number; y1: number; x1: number },
): Float32Array {
  const [h, w, c] = shape;
  const image = new Float32Array(h * w * c).fill(GREY);
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++)
      for (let ch = 0; ch < c; ch++) {
        const i = (y * w + x) * c + ch;
        image[i] = filter[i]! > 0 ? 1 : 0;
      }
  return image;
}

/** `a[b, y, x, channels[b]]` of `<layer>:pre` on a batch `[B, h, w, c]` (one image per channel), in one pass. */
export function unitValues(
  adapter: ImageModel,
  layer: string,
  channels: readonly number[],
  y: number,
  x: number,
  images: Float32Array,
): number[] {
  const [h, w, c] = adapter.inputShape;
  const pre = `${layer}:pre`;
  const values = tf.tidy(() => {
    const batch = tf.tensor4d(images, [channels.length, h, w, c]);
    const a = adapter.activations(batch, [pre])[pre]! as tf.Tensor4D;
    const at = tf.reshape(tf.slice(a, [0, y, x, 0], [-1, 1, 1, -1]), [channels.length, -1]);
    return at.dataSync();
  });
  return channels.map((ch, b) => values[b * (values.length / channels.length) + ch]!);
}

/**
 * For each of `channels` of conv `layer`, the unit at the centre of its map (pre-ReLU, `<layer>:pre`):
 * 1. the weights-alone image — {@link compositeFilter} (the kernel pushed back through the layers below, ReLUs and
 *    max pooling linearized) and its {@link boxOptimumImage} over the unit's receptive field;
 * 2. the optimization reading — `renderUnits` on `neuron('<layer>:pre', channels)` with `render` (box [0, 1]);
 * 3. the random-image null — the unit on `draws` images per unit, each pixel uniform in [0, 1] from `rng`
 *    (draw by draw, unit by unit, pixel by pixel);
 * all three measured on the real network.
 */
export function layerReadability(
  adapter: ImageModel,
  layer: LayerInfo,
  channels: readonly number[],
  render: RenderOptions,
  rng: Rng,
  draws: number,
): LayerReadings {
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const y = Math.floor((layer.outputShape[1] as number) / 2);
  const x = Math.floor((layer.outputShape[2] as number) / 2);
  // 1. Weights alone.
  const box = receptiveField(adapter, layer.name, y, x);
  const weightsImages = channels.map((ch) =>
    boxOptimumImage(
      compositeFilter(requireLayersModel(adapter, 'layer-readability'), layer.name, ch, y, x),
      [h, w, c],
      box,
    ),
  );
  const batchOf = (images: readonly Float32Array[]) => {
    const batch = new Float32Array(images.length * size);
    images.forEach((im, i) => batch.set(im, i * size));
    return batch;
  };
  const weightsValues = unitValues(adapter, layer.name, channels, y, x, batchOf(weightsImages));
  // 2. Optimization.
  const optimized = renderUnits(adapter, neuron(`${layer.name}:pre`, channels), render);
  const optimizedValues = unitValues(adapter, layer.name, channels, y, x, optimized.images);
  // 3. Random images, a fresh one for every draw and unit.
  const randomValues = Array.from({ length: draws }, () =>
    unitValues(
      adapter,
      layer.name,
      channels,
      y,
      x,
      Float32Array.from({ length: channels.length * size }, () => rng.next()),
    ),
  );
  return {
    layer: layer.name,
    y,
    x,
    units: channels.map((channel, i) => ({
      channel,
      weightsImage: weightsImages[i]!,
      optimizedImage: optimized.images.slice(i * size, (i + 1) * size),
      weightsValue: weightsValues[i]!,
      optimizedValue: optimizedValues[i]!,
      randomValues: randomValues.map((v) => v[i]!),
    })),
  };
}
