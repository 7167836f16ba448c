/**
 * Occlusion (Zeiler & Fergus 2014; Captum's `Occlusion`): slide a window over the image, set it to the baseline in
 * every channel, and give each pixel the mean, over the windows covering it, of the drop f(x) − f(x with the window
 * at the baseline). Windows start at 0, stride, 2·stride, … while the start is below h − window + stride, as Captum
 * counts them (1 + ceil((h − window) / stride) positions): the last window is cut at the far edge, so every pixel is
 * covered. Differences from Captum: the stride defaults to 2 (Captum: 1) and windows always span all channels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BaselineOptions, Baseline } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { checkPositiveInteger, prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { MESSAGES } from '../messages.js';
import { perturbedValues, resolveBaselines } from './perturbed-values.js';

/** A size in pixels: one number for both axes, or `[height, width]`. */
export type PixelSize = number | readonly [number, number];

/** Options of {@link occlusion}. */
export interface OcclusionOptions {
  /** The window's side in pixels. Default 4. */
  readonly window?: PixelSize;
  /** The shift between windows in pixels, at most the window. Default 2 (Captum's default is 1). */
  readonly stride?: PixelSize;
  /** What an occluded pixel becomes: a number or a {@link Baseline}. Default 0. */
  readonly baselines?: number | Baseline;
  /** Data, blur and range for a named baseline. */
  readonly baselineOptions?: BaselineOptions;
}

const FN = 'occlusion';

/**
 * The window starts along one axis: 0, stride, … (1 + ceil((size − window) / stride) of them).
 * @example windowStarts(8, 3, 2) // [0, 2, 4, 6]: the last window covers rows 6 and 7 only
 */
export function windowStarts(size: number, window: number, stride: number): number[] {
  const count = 1 + Math.ceil((size - window) / stride);
  return Array.from({ length: count }, (_, k) => k * stride);
}

function pair(argument: string, value: PixelSize): [number, number] {
  if (!Array.isArray(value)) {
    const v = checkPositiveInteger(FN, argument, value);
    return [v, v];
  }
  const [a, b] = value as readonly [number, number];
  return [checkPositiveInteger(FN, `${argument}[0]`, a), checkPositiveInteger(FN, `${argument}[1]`, b)];
}

/** `[windows, h·w]`: 1 inside each window (cut at the edges), row-major over window positions. */
function windowMasks(h: number, w: number, [wh, ww]: number[], [sh, sw]: number[]): Float32Array {
  const ys = windowStarts(h, wh!, sh!);
  const xs = windowStarts(w, ww!, sw!);
  const masks = new Float32Array(ys.length * xs.length * h * w);
  ys.forEach((y0, a) =>
    xs.forEach((x0, b) => {
      const base = (a * xs.length + b) * h * w;
      for (let y = y0; y < Math.min(h, y0 + wh!); y++)
        for (let x = x0; x < Math.min(w, x0 + ww!); x++) masks[base + y * w + x] = 1;
    }),
  );
  return masks;
}

/**
 * @example const { attributions } = occlusion.attribute(model, digits, { targets: [3, 7], window: 4, stride: 2 });
 */
export const occlusion: AttributionMethod<OcclusionOptions> = {
  name: 'occlusion',
  info: {
    description:
      'Mean drop f(x) − f(x with a sliding window at the baseline) over the windows covering each pixel (Zeiler & Fergus 2014).',
    family: 'perturbation',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: true,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & OcclusionOptions) {
    // 1. Check and resolve the options.
    const { adapter, n, targets, batchSize } = prepare(FN, model, inputs, options);
    const [, h, w, c] = inputs.shape as [number, number, number, number];
    const window = pair('options.window', options.window ?? 4);
    const stride = pair('options.stride', options.stride ?? 2);
    if (window[0] > h || window[1] > w) throw new Error(MESSAGES.windowTooLarge(FN, window, [h, w]));
    if (stride[0] > window[0] || stride[1] > window[1])
      throw new Error(MESSAGES.strideTooLarge(FN, stride, window));
    const baselines = resolveBaselines(FN, options.baselines ?? 0, inputs, options.baselineOptions);
    // 2. Score the input and every occluded copy, then average the drops over the windows covering each pixel.
    const attributions = tf.tidy(() => {
      const flat = windowMasks(h, w, window, stride);
      const count = flat.length / (h * w);
      const masks = tf.tensor2d(flat, [count, h * w]);
      const full = forwardValues(adapter, inputs, tiledOwners(n, 1), targets, batchSize);
      const keep = (k: tf.Tensor1D) => tf.sub(1, tf.gather(masks, k)) as tf.Tensor2D;
      const occluded = perturbedValues(adapter, inputs, baselines, count, keep, targets, batchSize);
      const drops = tf.sub(tf.reshape(full, [n, 1]), occluded);
      const mean = tf.div(tf.matMul(drops, masks), tf.sum(masks, 0));
      return tf.tile(tf.reshape(mean, [n, h, w, 1]), [1, 1, 1, c]);
    });
    baselines.dispose();
    return { attributions };
  },
};
