/**
 * Max-sensitivity (Yeh et al. 2019, "On the (in)fidelity and sensitivity of explanations"), as
 * `captum.metrics.sensitivity_max` computes it with its defaults: SENS_MAX(Φ, x) = max over `samples` draws
 * δ ~ U[−r, r]^d (the L∞ ball of radius r = 0.02) of ‖Φ(x + δ) − Φ(x)‖₂ / ‖Φ(x)‖₂ (Frobenius norm over the whole
 * input; a zero ‖Φ(x)‖ counts as 1, as Captum). The perturbed inputs keep their input's target and are explained in
 * one call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { checkPositiveInteger, prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { MESSAGES } from '../messages.js';
import { explain, type EvaluationOptions, type Explainer } from './explainer.js';

/** Options of {@link sensitivityMax}. */
export interface SensitivityOptions extends EvaluationOptions {
  /** Radius r of the L∞ ball. Default 0.02 (Captum's `perturb_radius`). */
  readonly radius?: number;
  /** Draws per input. Default 10 (Captum's `n_perturb_samples`). */
  readonly samples?: number;
  /** Seed of δ. Default 0. */
  readonly seed?: number;
}

/**
 * Max-sensitivity per input, `[n]` (≥ 0; 0 for a method whose map does not change near x).
 * @example const sens = sensitivityMax(cnn, digits, saliency, { targets: [3, 7], seed: 2 });
 */
export function sensitivityMax(
  model: ModelLike,
  inputs: tf.Tensor,
  explainer: Explainer,
  options: SensitivityOptions,
): Float32Array {
  const fn = 'sensitivityMax';
  // 1. Check and resolve the options.
  const { n } = prepare(fn, model, inputs, options);
  const samples = checkPositiveInteger(fn, 'options.samples', options.samples ?? 10);
  const radius = options.radius ?? 0.02;
  if (!Number.isFinite(radius) || radius <= 0)
    throw new Error(MESSAGES.positive(fn, 'options.radius', radius));
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new Error(MESSAGES.finiteSeed(fn, seed));
  // 2. Φ(x), and Φ of every perturbed input in one call: row k·n + i is input i with its k-th draw.
  const phi = explain(fn, explainer, model, inputs, tiledOwners(n, 1), options);
  const perturbed = tf.tidy(() =>
    tf.add(
      tf.tile(inputs, [samples, 1, 1, 1]),
      tf.randomUniform(
        [samples * n, ...inputs.shape.slice(1)],
        -radius,
        radius,
        'float32',
        createRng(seed).tfSeed(),
      ),
    ),
  );
  let phiPerturbed: tf.Tensor | undefined;
  try {
    phiPerturbed = explain(fn, explainer, model, perturbed, tiledOwners(n, samples), options);
    const moved = phiPerturbed;
    // 3. Relative change per draw, and its maximum per input.
    return tf.tidy(() => {
      const norm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t), [1, 2, 3]));
      const base = norm(phi);
      const denominator = tf.where(tf.equal(base, 0), tf.onesLike(base), base);
      const change = tf.reshape(norm(tf.sub(moved, tf.tile(phi, [samples, 1, 1, 1]))), [samples, n]);
      return tf.max(tf.div(change, denominator), 0).dataSync() as Float32Array;
    });
  } finally {
    for (const t of [phi, perturbed, phiPerturbed]) t?.dispose();
  }
}
