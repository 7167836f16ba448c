/** `explainLive`: one live attribution — a method of the live list on one image, summed over channels to one value per pixel. */
import { attribute, isMethodName, type ModelLike } from '@openbox/attribution';
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { LIVE_METHOD_SETTINGS } from './live-methods.js';
import type { LiveAttribution, LiveAttributionRequest } from './live-types.js';

/** What `explainLive` runs on: the model (as `attribute` takes it), its adapter (for settings), the live methods. */
export interface LiveExplainer {
  readonly model: ModelLike;
  readonly adapter: ImageModel;
  /** The methods this model runs (`LIVE_METHODS`, or `liveMethodsFor(kind)`). */
  readonly methods: readonly string[];
  /** The caller, for messages (`createLiveFunction`). */
  readonly fn: string;
}

/**
 * Attributes the model's logit for `asked.target` (the argmax of `probs` when `null`) on `input` (`[1, h, w, c]`
 * values) with the method's live settings (`LIVE_METHOD_SETTINGS`), sums the map over channels and reads its
 * `h·w` values; every tensor is disposed. An unknown method is an error naming `fn`.
 * @example const a = await explainLive(explainer, pixels, [1, 28, 28, 1], { method: 'saliency', target: null }, probs);
 */
export async function explainLive(
  explainer: LiveExplainer,
  input: Float32Array,
  shape: readonly number[],
  asked: LiveAttributionRequest,
  probs: ArrayLike<number>,
): Promise<LiveAttribution> {
  const { method } = asked;
  if (!explainer.methods.includes(method) || !isMethodName(method))
    throw new Error(
      MESSAGES.badOption(
        explainer.fn,
        'attribution.method',
        `one of ${explainer.methods.join(', ')}`,
        method,
      ),
    );
  const p = Array.from(probs);
  const target = asked.target ?? p.indexOf(Math.max(...p));
  const settings = LIVE_METHOD_SETTINGS[method]?.(explainer.adapter) ?? {};
  const map = tf.tidy(() => {
    const x = tf.tensor(input, [...shape]);
    const r = attribute(explainer.model, x, { ...settings, method, targets: target });
    const perPixel = r.attributions.rank === 4 ? tf.sum(r.attributions, -1) : r.attributions;
    const flat = tf.reshape(perPixel, [-1]);
    tf.dispose([r.delta, r.layerAttributions].filter((t) => t !== undefined));
    return flat;
  });
  try {
    return { method, target, values: Array.from(await map.data()) };
  } finally {
    map.dispose();
  }
}
