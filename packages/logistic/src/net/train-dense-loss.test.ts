/** trainDense's `loss` option: squared error converges to its own optimum, which is not the cross-entropy one. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainDense } from './train-dense.js';

// 40 rows, 2 features, overlapping classes (the MLE exists): x = (i/10 − 2, sin i), y = 1 when x₁ + 0.5·x₂ + noise > 0.
const n = 40;
const d = 2;
const x = new Float64Array(n * d);
const y = new Float32Array(n);
for (let i = 0; i < n; i++) {
  x[i * d] = i / 10 - 2;
  x[i * d + 1] = Math.sin(i);
  y[i] = x[i * d]! + 0.5 * x[i * d + 1]! + 0.7 * Math.cos(3 * i) > 0 ? 1 : 0;
}
const design = { n, d, x, names: ['a', 'b'] };

/** ∇ of (1/n)·Σ (σ(b + w·x) − y)² in float64, for θ = (b, w₁, w₂). */
function squaredErrorGradient(theta: Float64Array): number[] {
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  for (let i = 0; i < n; i++) {
    const p = 1 / (1 + Math.exp(-(theta[0]! + theta[1]! * x[i * d]! + theta[2]! * x[i * d + 1]!)));
    const r = (2 * (p - y[i]!) * p * (1 - p)) / n;
    g0 += r;
    g1 += r * x[i * d]!;
    g2 += r * x[i * d + 1]!;
  }
  return [g0, g1, g2];
}

describe("trainDense's loss", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('squared-error: the float64 gradient of the squared error vanishes at the result, which is not the MLE', () => {
    const before = tf.memory().numTensors;
    const se = trainDense(design, y, 1, 'sigmoid', { loss: 'squared-error' });
    const ce = trainDense(design, y, 1, 'sigmoid', {});
    expect(tf.memory().numTensors).toBe(before);
    expect(se.converged).toBe(true);
    // tfjs evaluates in float32 and stops at ‖∇‖ ≤ 1e-7 there: measured float64 |∂| ≤ 2.6e-9; bound 1e-7.
    for (const gj of squaredErrorGradient(se.theta)) expect(Math.abs(gj)).toBeLessThan(1e-7);
    // The cross-entropy fit is not a stationary point of the squared error (measured max |∂| 3.5e-3), and the two
    // fits differ (measured by up to 1.1 in a coefficient).
    expect(Math.max(...squaredErrorGradient(ce.theta).map(Math.abs))).toBeGreaterThan(1e-3);
    expect(Math.max(...Array.from(se.theta, (v, j) => Math.abs(v - ce.theta[j]!)))).toBeGreaterThan(0.05);
  });

  it('defaults to cross-entropy (the same fit as loss: cross-entropy)', () => {
    const a = trainDense(design, y, 1, 'sigmoid', {});
    const b = trainDense(design, y, 1, 'sigmoid', { loss: 'cross-entropy' });
    expect(Array.from(a.theta)).toEqual(Array.from(b.theta));
  });
});
