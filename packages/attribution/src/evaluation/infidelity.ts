/**
 * Infidelity (Yeh et al. 2019, "On the (in)fidelity and sensitivity of explanations"), as `captum.metrics.infidelity`
 * computes it: INFD(Φ, f, x) = E_I[(Iᵀ Φ − (f(x) − f(x − I)))²], the mean over `samples` perturbations I. Here I is
 * Gaussian, I ~ N(0, σ²) per entry (Captum takes a `perturb_func` and has no default; its documented example is this
 * one with σ = 0.003). With `normalize` Φ is first rescaled by the least-squares β = E[Iᵀ Φ · Δf] / E[(Iᵀ Φ)²]
 * (β = E[…] / 1 where the denominator is 0, as Captum's `safe_div`), so only the direction of Φ is judged.
 * Perturbation I is given as it is (Captum's `multiply_by_inputs` decorator, dividing I by x − baseline, is not used).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { forwardValues } from '../core/forward-values.js';
import { checkPositiveInteger, prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { MESSAGES } from '../messages.js';
import { attributionsOf, type Attributions, type EvaluationOptions } from './explainer.js';

/** Options of {@link infidelity}. */
export interface InfidelityOptions extends EvaluationOptions {
  /** Perturbations per input. Default 10 (Captum's `n_perturb_samples`). */
  readonly samples?: number;
  /** Standard deviation of I. Default 0.003. */
  readonly sigma?: number;
  /** Rescale Φ by the least-squares β first. Default false (Captum's). */
  readonly normalize?: boolean;
  /** Seed of I. Default 0. */
  readonly seed?: number;
}

/**
 * Infidelity per input, `[n]` (≥ 0; 0 for a linear model explained by its gradient).
 * @example const infd = infidelity(linear, digits, saliency, { targets: 3, samples: 50, seed: 1 });
 */
export function infidelity(
  model: ModelLike,
  inputs: tf.Tensor,
  attributions: Attributions,
  options: InfidelityOptions,
): Float32Array {
  const fn = 'infidelity';
  // 1. Check and resolve the options.
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
  const samples = checkPositiveInteger(fn, 'options.samples', options.samples ?? 10);
  const sigma = options.sigma ?? 0.003;
  if (!Number.isFinite(sigma) || sigma <= 0) throw new Error(MESSAGES.positive(fn, 'options.sigma', sigma));
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new Error(MESSAGES.finiteSeed(fn, seed));
  const phi = attributionsOf(fn, attributions, model, inputs, options);
  try {
    return tf.tidy(() => {
      // 2. All perturbations at once: row k·n + i is input i with its k-th draw.
      const rows = samples * n;
      const noise = tf.randomNormal(
        [rows, ...inputs.shape.slice(1)],
        0,
        sigma,
        'float32',
        createRng(seed).tfSeed(),
      );
      const tiled = (t: tf.Tensor) => tf.tile(t, [samples, 1, 1, 1]);
      const owners = tiledOwners(n, samples);
      const fx = forwardValues(adapter, inputs, tiledOwners(n, 1), targets, batchSize);
      const fPerturbed = forwardValues(adapter, tf.sub(tiled(inputs), noise), owners, targets, batchSize);
      // 3. a = Iᵀ Φ, b = f(x) − f(x − I), [samples, n]; then the (normalized) mean squared difference.
      const a = tf.reshape(tf.sum(tf.mul(noise, tiled(phi)), [1, 2, 3]), [samples, n]);
      const b = tf.sub(tf.expandDims(fx, 0), tf.reshape(fPerturbed, [samples, n]));
      let result: tf.Tensor;
      if (options.normalize === true) {
        const [aa, ab, bb] = [tf.sum(tf.square(a), 0), tf.sum(tf.mul(a, b), 0), tf.sum(tf.square(b), 0)];
        const beta = tf.div(ab, tf.where(tf.equal(aa, 0), tf.onesLike(aa), aa));
        result = tf.div(
          tf.add(tf.sub(tf.mul(tf.square(beta), aa), tf.mul(tf.mul(2, beta), ab)), bb),
          samples,
        );
      } else result = tf.mean(tf.square(tf.sub(a, b)), 0);
      return result.dataSync() as Float32Array;
    });
  } finally {
    phi.dispose();
  }
}
