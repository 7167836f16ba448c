/** `createImageLiveFunction`: the live endpoint's function for any image model (LayersModel or GraphModel adapter). */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';
import { explainLive } from './explain-live.js';
import { liveMethodsFor } from './live-methods.js';
import type { LiveFunction } from './live-types.js';
import { scalePixels, type LiveScale } from './scale-pixels.js';

/** Options of {@link createImageLiveFunction}. */
export interface ImageLiveOptions {
  /** How the image's values in [0, 1] become the model's input. Default `0-1` (as they are). */
  readonly scale?: LiveScale;
  /** Layers whose activations are reported. Default: up to `maxLayers` conv / dense layers but the last one. */
  readonly layers?: readonly string[];
  /** Most layers reported by default (evenly spread over the model, the deepest kept). Default 12. */
  readonly maxLayers?: number;
  /** At most this many values per layer are returned (bounds the response). Default 256. */
  readonly maxValuesPerLayer?: number;
}

/** Conv and dense layers (LayersModel class names) and their graph ops (`Conv2D`, `_FusedConv2D`, `MatMul`, …). */
const PROBED = /conv|dense|matmul/i;

/** Up to `max` of the conv / dense layers before the output one, evenly spread, the deepest always kept. */
export function defaultLiveLayers(adapter: ImageModel, max: number): string[] {
  const layers = adapter.layers();
  const output = layers[layers.length - 1];
  const names = layers.filter((l) => l !== output && PROBED.test(l.className)).map((l) => l.name);
  if (names.length <= max) return names;
  return Array.from({ length: max }, (_, i) => names[Math.round(((i + 1) * (names.length - 1)) / max)]!);
}

/**
 * Each call scales the image (`scale`), runs one pass for the chosen layers' activations (4-D ones reduced to the
 * mean per channel) and the logits, answers softmax(logits) as `probabilities` (no LR templates: `lrScores` is
 * `[]`), and with an attribution request runs `explainLive` on the scaled image with the methods this kind of
 * model runs (`liveMethodsFor(adapter.kind)`); no tensor outlives a call. The caller keeps the adapter.
 * @example const predict = createImageLiveFunction(new ModelAdapter(model), { scale: '-1-1' });
 */
export function createImageLiveFunction(adapter: ImageModel, options: ImageLiveOptions = {}): LiveFunction {
  // 1. Layers, shapes, methods.
  const { scale = '0-1', maxLayers = 12, maxValuesPerLayer = 256 } = options;
  const names = options.layers ?? defaultLiveLayers(adapter, maxLayers);
  const spatial = names.map((n) => adapter.layer(n, 'createImageLiveFunction').outputShape.length === 4);
  const shape = [1, ...adapter.inputShape];
  const channels = adapter.inputShape[2];
  const explainer = {
    model: adapter,
    adapter,
    methods: liveMethodsFor(adapter.kind),
    fn: 'createImageLiveFunction',
  };
  // 2. One call: scale, one pass, reductions, read back; then the attribution if asked.
  return async (input, _signal, asked) => {
    const x = scalePixels(input, channels, scale);
    const tensors = tf.tidy(() => {
      const images = tf.tensor(x, shape);
      const acts = adapter.activations(images, names);
      const reduced = names.map((n) => {
        const t = acts[n]!;
        return t.rank === 4 ? tf.mean(t, [0, 1, 2]) : tf.reshape(t, [-1]);
      });
      return [tf.reshape(tf.softmax(adapter.logits(images)), [-1]), ...reduced];
    });
    try {
      const [probs, ...values] = await Promise.all(tensors.map((t) => t.data()));
      const attribution =
        asked === undefined ? undefined : await explainLive(explainer, x, shape, asked, probs ?? []);
      return {
        ...(attribution === undefined ? {} : { attribution }),
        probabilities: Array.from(probs ?? []),
        lrScores: [],
        activations: values.map((v, i) => ({
          layer: names[i]!,
          description: spatial[i] ? 'mean activation per channel' : 'activation per unit',
          values: Array.from(v.subarray(0, maxValuesPerLayer)),
        })),
      };
    } finally {
      tf.dispose(tensors);
    }
  };
}
