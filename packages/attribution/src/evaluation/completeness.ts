/**
 * Completeness (Sundararajan et al. 2017, axiom of completeness; Shrikumar et al. 2017, summation-to-delta): an
 * attribution of x against a baseline b is complete when Σ_i Φ_i = f(x) − f(b). The delta Σ Φ − (f(x) − f(b)) is
 * computed here for any map and baseline, and the method's own `delta` is returned beside it when it has one
 * (`info.hasConvergenceDelta`; Captum's `return_convergence_delta`). The method's baseline is whatever
 * `methodOptions` gives it: make it the same as `options.baseline`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBaseline, type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { attributionsOf, callMethod, type Attributions, type EvaluationOptions } from './explainer.js';

/** Options of {@link completeness}. */
export interface CompletenessOptions extends EvaluationOptions {
  /** The baseline b of f(x) − f(b). Default `'zeros'`. */
  readonly baseline?: Baseline;
  readonly baselineOptions?: BaselineOptions;
}

/** What {@link completeness} returns, per input. */
export interface CompletenessResult {
  /** Σ Φ − (f(x) − f(b)). */
  readonly delta: Float32Array;
  /** f(x) − f(b), the amount to be distributed (to judge `delta` against). */
  readonly difference: Float32Array;
  /** The method's own delta, when it is a method with `hasConvergenceDelta` that returned one. */
  readonly reported?: Float32Array;
}

/**
 * @example const { delta, reported } = completeness(model, digits, integratedGradients, { targets: 3 });
 */
export function completeness(
  model: ModelLike,
  inputs: tf.Tensor,
  attributions: Attributions,
  options: CompletenessOptions,
): CompletenessResult {
  const fn = 'completeness';
  // 1. Check; explain, keeping the method's delta when it has one.
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
  const withDelta =
    !(attributions instanceof tf.Tensor) &&
    typeof attributions !== 'function' &&
    attributions.info.hasConvergenceDelta;
  const result = withDelta
    ? callMethod(fn, attributions, model, inputs, tiledOwners(n, 1), options)
    : { attributions: attributionsOf(fn, attributions, model, inputs, options) };
  result.layerAttributions?.dispose();
  try {
    // 2. Σ Φ and f(x) − f(b) in one forward pass over [x; b].
    const values = tf.tidy(() => {
      const b = makeBaseline(fn, options.baseline ?? 'zeros', inputs, options.baselineOptions);
      const f = forwardValues(adapter, tf.concat([inputs, b]), tiledOwners(n, 2), targets, batchSize);
      const difference = tf.sub(tf.slice(f, 0, n), tf.slice(f, n, n));
      const sum = tf.sum(tf.reshape(result.attributions, [n, -1]), 1);
      const parts = [tf.sub(sum, difference), difference];
      if (result.delta !== undefined) parts.push(tf.reshape(result.delta, [n]));
      return tf.concat(parts).dataSync() as Float32Array;
    });
    return {
      delta: values.slice(0, n),
      difference: values.slice(n, 2 * n),
      ...(values.length > 2 * n ? { reported: values.slice(2 * n) } : {}),
    };
  } finally {
    result.attributions.dispose();
    result.delta?.dispose();
  }
}
