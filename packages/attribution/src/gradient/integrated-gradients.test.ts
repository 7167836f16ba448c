import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUADRATURE_RULES, type QuadratureRule } from '../core/quadrature.js';
import {
  linearModel,
  randomInputs,
  randomValues,
  setupBackend,
  smallCnn,
  smoothCnn,
  weightColumn,
} from '../test-models.js';
import { integratedGradients } from './integrated-gradients.js';

beforeAll(setupBackend);

const maxAbs = (t: tf.Tensor): number => Math.max(...Array.from(t.dataSync(), Math.abs));

/** |δ| per input of IG on the smooth net, for a rule and a number of steps (disposes everything). */
function deltas(model: tfl.LayersModel, x: tf.Tensor, rule: QuadratureRule, steps: number): number {
  const { attributions, delta } = integratedGradients.attribute(model, x, {
    targets: [0, 1, 2],
    rule,
    steps,
  });
  const worst = maxAbs(delta!);
  [attributions, delta!].forEach((t) => t.dispose());
  return worst;
}

describe('integratedGradients', () => {
  it('is w ⊙ x with a zero baseline on a linear model (closed form), with delta 0', () => {
    const fixture = linearModel([3, 3, 2], 4, 41);
    const x = randomInputs(2, [3, 3, 2], 42);
    const { attributions, delta } = integratedGradients.attribute(fixture.model, x, { targets: [3, 0] });
    const xs = x.dataSync();
    const expected = [
      ...weightColumn(fixture, 3).map((w, i) => w * xs[i]!),
      ...weightColumn(fixture, 0).map((w, i) => w * xs[18 + i]!),
    ];
    // The gradient is constant, so the 50 Gauss–Legendre weights sum it to 1 in float32: relative error ~1e-6.
    expectArraysClose(attributions, expected, 2e-6);
    // Σ w ⊙ x = f(x) − f(0) exactly; the sum of 18 float32 terms rounds at ~1e-6.
    expect(maxAbs(delta!)).toBeLessThan(2e-6);
    [x, attributions, delta!].forEach((t) => t.dispose());
  });

  it('matches the closed-form path integral of a tanh unit, (x w)(tanh(c + w·x) − tanh c)/(w·x)', () => {
    const d = 4;
    const w = randomValues(d, 43, -1.5, 1.5);
    const c = 0.3;
    const model = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [2, 2, 1], name: 'flat' }),
        // Two units: the core's one-hot target selection needs at least 2 classes (a 1-unit output fails in oneHot).
        tfl.layers.dense({
          units: 2,
          activation: 'tanh',
          name: 'unit',
          weights: [
            tf.tensor2d(Float32Array.from(Array.from(w).flatMap((v) => [v, -v])), [d, 2]),
            tf.tensor1d([c, 0]),
          ],
        }),
      ],
    });
    const x = randomInputs(3, [2, 2, 1], 44);
    const xs = x.dataSync();
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) {
      const row = Array.from({ length: d }, (_, j) => xs[i * d + j]!);
      const s = row.reduce((a, v, j) => a + v * w[j]!, 0);
      for (let j = 0; j < d; j++) expected.push((row[j]! * w[j]! * (Math.tanh(c + s) - Math.tanh(c))) / s);
    }
    const gl = integratedGradients.attribute(model, x, { targets: 0, output: 'model' });
    // Gauss–Legendre with 50 nodes is exact to float32 on an analytic integrand: float32 rounding only.
    expectArraysClose(gl.attributions, expected, 1e-6);
    const trap = integratedGradients.attribute(model, x, {
      targets: 0,
      output: 'model',
      rule: 'riemann-trapezoid',
    });
    // Measured: Gauss–Legendre 50 is 3e-8 off the closed form; the trapezoid rule 50 is 1.6e-5 off (its −h²/12 ∫ g''
    // term, h = 1/49): close, but not float32-close, so the 1e-6 check above tells the two rules apart.
    expectArraysClose(trap.attributions, expected, 1e-4);
    const trapError = Math.max(
      ...Array.from(trap.attributions.dataSync(), (a, i) => Math.abs(a - expected[i]!)),
    );
    expect(trapError).toBeGreaterThan(2e-6);
    [x, gl.attributions, gl.delta!, trap.attributions, trap.delta!].forEach((t) => t.dispose());
  });

  it('completeness: |delta| shrinks as steps grow on the smooth net; Gauss–Legendre 50 beats every Riemann 50', () => {
    const model = smoothCnn(31);
    const x = randomInputs(3, [8, 8, 1], 32);
    // Measured max |δ| (logits): trapezoid 2.1e-3, 8.4e-5, 3.7e-6 at 4, 16, 64 steps (O(h²): ×16 per ×4 steps);
    // middle 5.9e-4, 3.7e-5, 2.3e-6; Gauss–Legendre 6e-8 at 4 steps already (float32 rounding of f).
    for (const rule of ['riemann-trapezoid', 'riemann-middle', 'riemann-left'] as const) {
      const curve = [4, 16, 64].map((steps) => deltas(model, x, rule, steps));
      expect(curve[1]!).toBeLessThan(curve[0]! / 3);
      expect(curve[2]!).toBeLessThan(curve[1]! / 3);
    }
    const gl = deltas(model, x, 'gauss-legendre', 50);
    expect(gl).toBeLessThan(1e-6);
    for (const rule of QUADRATURE_RULES.filter((r) => r !== 'gauss-legendre'))
      // Riemann 50 measured: left/right 1.4e-3, trapezoid 7.8e-6, middle 3.8e-6, against Gauss–Legendre's 6e-8.
      expect(gl).toBeLessThan(deltas(model, x, rule, 50) / 10);
    x.dispose();
  });

  it('takes targets per input and unit targets (each equals its own call; completeness holds for a neuron)', () => {
    const model = smoothCnn(45);
    const x = randomInputs(2, [8, 8, 1], 46);
    const targets = [{ layer: 'conv1', channel: 2, y: 3, x: 4 }, 1];
    const both = integratedGradients.attribute(model, x, { targets, steps: 16 });
    for (let i = 0; i < 2; i++) {
      const xi = tf.slice(x, i, 1);
      const one = integratedGradients.attribute(model, xi, { targets: targets[i]!, steps: 16 });
      const part = tf.slice(both.attributions, i, 1);
      // Same rows computed in a different batch: float32 reassociation only.
      expectArraysClose(part, one.attributions, 1e-6);
      expectArraysClose(tf.slice(both.delta!, i, 1), one.delta!, 1e-6);
      [xi, part, one.attributions, one.delta!].forEach((t) => t.dispose());
    }
    // A tanh neuron's path integral with 16 Gauss–Legendre nodes: float32-exact.
    expect(maxAbs(both.delta!)).toBeLessThan(1e-5);
    [x, both.attributions, both.delta!].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of 7 rows (50 steps × 3 inputs), with a tensor baseline, leaking nothing', () => {
    const model = smallCnn(47);
    const x = randomInputs(3, [8, 8, 1], 48);
    const baselines = tf.fill([1, 8, 8, 1], 0.5);
    const whole = integratedGradients.attribute(model, x, { targets: [0, 1, 3], baselines });
    const before = tf.memory().numTensors;
    const chunked = integratedGradients.attribute(model, x, {
      targets: [0, 1, 3],
      baselines,
      internalBatchSize: 7,
    });
    expect(tf.memory().numTensors).toBe(before + 2);
    // Chunks sum the same terms in another order: float32 reassociation.
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    expectArraysClose(chunked.delta!, whole.delta!, 1e-6);
    expect(chunked.delta!.shape).toEqual([3]);
    [x, baselines, whole.attributions, whole.delta!, chunked.attributions, chunked.delta!].forEach((t) =>
      t.dispose(),
    );
  });

  it.each([
    [
      'zero steps',
      { targets: 0, steps: 0 },
      'integrated-gradients: options.steps must be an integer from 1 to 10000; got 0.',
    ],
    [
      'fractional steps',
      { targets: 0, steps: 2.5 },
      'integrated-gradients: options.steps must be an integer from 1 to 10000; got 2.5.',
    ],
    [
      'one trapezoid step',
      { targets: 0, steps: 1, rule: 'riemann-trapezoid' },
      'integrated-gradients: options.steps must be an integer from 2 to 10000; got 1.',
    ],
    [
      'an unknown rule',
      { targets: 0, rule: 'simpson' },
      "integrated-gradients: options.rule must be one of 'gauss-legendre', 'riemann-left', 'riemann-right', 'riemann-middle', 'riemann-trapezoid'; got \"simpson\".",
    ],
    [
      'a baseline of the wrong shape',
      { targets: 0, baselines: 'wrong-shape' },
      'integrated-gradients: the baseline has shape [2, 8, 8, 1]; it must be [1 or n, 8, 8, 1] (inputs are [3, 8, 8, 1]).',
    ],
    [
      'an unknown baseline',
      { targets: 0, baselines: 'noise' },
      "integrated-gradients: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"noise\".",
    ],
    [
      'a bad target',
      { targets: 9 },
      "integrated-gradients: target 9 is not a class of 'logits', which has classes 0..3.",
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, given, message) => {
    const model = smallCnn(49);
    const x = randomInputs(3, [8, 8, 1], 50);
    const wrong = tf.zeros([2, 8, 8, 1]);
    const options =
      (given as { baselines?: unknown }).baselines === 'wrong-shape' ? { ...given, baselines: wrong } : given;
    const before = tf.memory().numTensors;
    expect(() => integratedGradients.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    [x, wrong].forEach((t) => t.dispose());
  });
});
