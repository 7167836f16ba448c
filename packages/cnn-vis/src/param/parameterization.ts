/** The parameterization contract: trainable params and a differentiable function from them to an image batch. */
import * as tf from '@tensorflow/tfjs-core';

/** The part of `@openbox/runtime`'s `Rng` that cnn-vis uses (any seeded generator with these methods fits). */
export interface RandomSource {
  next(): number;
  normal(): number;
  fork(label?: string): RandomSource;
}

/** One batch of images as a function of one trainable variable. */
export interface ParamImage {
  /** The only trainable variable (e.g. `[B, h, w, c]` pixels or `[2, h, B, c, w/2+1]` spectra). */
  readonly params: tf.Variable;
  /** `[B, h, w, c]` images; call inside a tidy (or an optimizer's `minimize`). */
  image(): tf.Tensor4D;
  /** Disposes `params` and any constants the parameterization holds. */
  dispose(): void;
}

/** Builds a {@link ParamImage} for images of `shape = [B, h, w, c]`, initialized from `rng`. */
export type Parameterization = (
  shape: readonly [number, number, number, number],
  rng: RandomSource,
) => ParamImage;

/** `n` draws of N(0, sd²) from `rng`. */
export function normalArray(n: number, sd: number, rng: RandomSource): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * sd;
  return out;
}

/** A trainable variable holding `values` (the temporary initial tensor is disposed). */
export function variableFrom(values: Float32Array, shape: readonly number[]): tf.Variable {
  const init = tf.tensor(values, [...shape]);
  const v = tf.variable(init);
  init.dispose();
  return v;
}
