/** Spread-out starting images for activation maximization, the parameterization that starts there, per-item transforms. */
import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource, Parameterization } from '../param/parameterization.js';
import { variableFrom } from '../param/parameterization.js';
import { shearRows, swapAxes } from '../transforms/resample.js';
import { cropHW } from '../util/crop.js';
import { pad } from '../transforms/pad.js';
import { randomRotate } from '../transforms/random-rotate.js';
import { randomScale } from '../transforms/random-scale.js';
import { standardTransformSettings } from '../transforms/standard-transforms.js';
import { compose, type Transform } from '../transforms/transform.js';

/** Start pixels are kept in [ε, 1 − ε] so that their logit is finite (logit(0.001) = −6.9). */
export const START_EPSILON = 0.001;

/**
 * `n` images of `size` pixels, each pixel uniform on [0, 1] (drawn in order from `rng`): independent starts whose
 * pairwise Pearson correlation is ≈ 0 (SD 1/√size ≈ 0.036 for 28×28) — as far from each other as images get, and from
 * any digit (Erhan et al. 2009 started from random inputs; Lucid's default start, a near-constant grey, is one point).
 */
export function uniformStarts(n: number, size: number, rng: RandomSource): Float32Array {
  const out = new Float32Array(n * size);
  for (let i = 0; i < out.length; i++) out[i] = rng.next();
  return out;
}

/**
 * Pixel-space parameterization that starts at `starts` (`[B, h, w, c]`, values in [0, 1]): `image = σ(params)` with
 * params initialized to logit(clamp(start, ε, 1 − ε)), so the first image is the start itself and pixels stay in (0, 1).
 * This is Erhan et al.'s setting (gradient ascent on the pixels from a random input), not Lucid's Fourier one, whose
 * 1/f preconditioning would keep a white-noise start's high frequencies almost unchanged. The `rng` is not used.
 */
export function startsParam(starts: Float32Array): Parameterization {
  return (shape: readonly [number, number, number, number], _rng: RandomSource) => {
    const n = shape[0] * shape[1] * shape[2] * shape[3];
    if (starts.length !== n)
      throw new Error(
        `startsParam: starts has ${starts.length} values, but the batch [${shape.join(', ')}] needs ${n}.`,
      );
    const logits = Float32Array.from(starts, (v) => {
      const p = Math.min(1 - START_EPSILON, Math.max(START_EPSILON, v));
      return Math.log(p / (1 - p));
    });
    const params = variableFrom(logits, shape);
    return {
      params,
      image: () => tf.tidy(() => tf.sigmoid(params) as tf.Tensor4D),
      dispose: () => params.dispose(),
    };
  };
}

/**
 * A random crop like `jitter` (`[H − d, W − d]` at an offset in `[0, d]²`), but with its own offset for every
 * batch item: each item is shifted by its integer offsets (`shearRows` with one shift per item: exact, one conv per
 * axis for the whole batch), then the top-left `[H − d, W − d]` is kept.
 */
function perItemJitter(pixels: number): Transform {
  const d = Math.max(0, Math.round(pixels));
  return (image, rng) => {
    if (d === 0) return image;
    const [b, h, w] = image.shape;
    const offsets = Array.from({ length: b }, () => [
      Math.floor(rng.next() * (d + 1)),
      Math.floor(rng.next() * (d + 1)),
    ]);
    const alongX = shearRows(
      image,
      offsets.map(([, ox]) => Array.from({ length: h }, () => ox!)),
    );
    const alongY = swapAxes(
      shearRows(
        swapAxes(alongX),
        offsets.map(([oy]) => Array.from({ length: w }, () => oy!)),
      ),
    );
    return cropHW(alongY, 0, 0, h - d, w - d);
  };
}

/**
 * Lucid's standard chain sized for the input (`standardTransformSettings`: pad, jitter, scale, rotate, jitter) with
 * every draw made per batch item — jitter offsets and scale factors too, which the standard chain shares across the
 * batch — so the items of one batch (the starts) never see the same transforms.
 */
export function perItemTransforms(inputSize: number, channels: number): Transform {
  const s = standardTransformSettings(inputSize, channels);
  return compose(
    pad({ size: s.pad, value: s.padValue }),
    perItemJitter(s.jitter),
    randomScale({ scales: s.scales, perImage: true }),
    randomRotate({ degrees: s.degrees }),
    perItemJitter(s.finalJitter),
  );
}
