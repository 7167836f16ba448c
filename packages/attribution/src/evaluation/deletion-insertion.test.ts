import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  linearModel,
  randomInputs,
  randomValues,
  setupBackend,
  smallCnn,
  weightColumn,
} from '../test-models.js';
import { saliency } from '../gradient/saliency.js';
import { deletionInsertion } from './deletion-insertion.js';

beforeAll(setupBackend);

/** The linear logit with the pixels of `order[0..k)` zeroed, for every k (float64): f(x) − cumulative Σ of w ⊙ x. */
function deletionClosedForm(x: Float32Array, w: Float32Array, bias: number, c: number): Float64Array {
  const pixels = x.length / c;
  const contrib = Array.from({ length: pixels }, (_, p) => {
    let s = 0;
    for (let k = 0; k < c; k++) s += w[p * c + k]! * x[p * c + k]!;
    return s;
  });
  const order = contrib.map((v, p) => [v, p] as const).sort((a, b) => b[0] - a[0]);
  const out = new Float64Array(pixels + 1);
  out[0] = bias + contrib.reduce((a, b) => a + b, 0);
  order.forEach(([v], k) => (out[k + 1] = out[k]! - v));
  return out;
}

describe('deletionInsertion', () => {
  it('is f(x) − the cumulative sum of sorted w ⊙ x on a linear logit (closed form), insertion its mirror', () => {
    const fixture = linearModel([3, 3, 2], 3, 31);
    const x = randomInputs(2, [3, 3, 2], 32);
    const w = weightColumn(fixture, 1);
    const phi = tf.mul(x, tf.tensor4d(w, [1, 3, 3, 2]));
    const result = deletionInsertion(fixture.model, x, phi, {
      targets: 1,
      output: 'logits',
      insertionBaseline: 'zeros',
    });
    expectArraysClose(
      result.fractions,
      Array.from({ length: 10 }, (_, j) => j / 9),
      1e-7,
    );
    const data = x.dataSync() as Float32Array;
    for (let i = 0; i < 2; i++) {
      const expected = deletionClosedForm(data.subarray(i * 18, (i + 1) * 18), w, fixture.bias[1]!, 2);
      // Float32 logits of 18 products of values ≤ 1: rounding ≈ 1e-7 (measured 7e-8).
      expectArraysClose(result.deletion[i]!, expected, 1e-6);
      const full = expected[0]!;
      const bias = fixture.bias[1]!;
      expectArraysClose(
        result.insertion[i]!,
        Array.from(expected, (v) => bias + full - v),
        1e-6,
      );
      const trapezoid = (v: ArrayLike<number>) =>
        Array.from(v).reduce((s, y, j, a) => (j === 0 ? s : s + (y + a[j - 1]!) / 18), 0);
      expect(result.deletionAuc[i]).toBeCloseTo(trapezoid(expected), 5);
      expect(result.insertionAuc[i]).toBeCloseTo(trapezoid(result.insertion[i]!), 5);
    }
    [x, phi].forEach((t) => t.dispose());
  });

  it('gives a random map a higher deletion AUC and a lower insertion AUC than w ⊙ x (linear logit)', () => {
    const fixture = linearModel([4, 4, 1], 2, 33);
    const x = randomInputs(3, [4, 4, 1], 34);
    const phi = tf.mul(x, tf.tensor4d(weightColumn(fixture, 0), [1, 4, 4, 1]));
    const random = tf.tensor4d(randomValues(48, 35), [3, 4, 4, 1]);
    const options = { targets: 0, output: 'logits', insertionBaseline: 'zeros' } as const;
    const [truth, noise] = [phi, random].map((m) => deletionInsertion(fixture.model, x, m, options));
    for (let i = 0; i < 3; i++) {
      // Deleting the largest contributions first is the pointwise lowest curve: strictly lower AUC unless equal.
      expect(truth!.deletionAuc[i]!).toBeLessThan(noise!.deletionAuc[i]! - 1e-3);
      expect(truth!.insertionAuc[i]!).toBeGreaterThan(noise!.insertionAuc[i]! + 1e-3);
    }
    [x, phi, random].forEach((t) => t.dispose());
  });

  it('orders pixels by Σ_c |Φ| with abs (the sign of Φ no longer matters), by Σ_c Φ without', () => {
    const fixture = linearModel([4, 4, 1], 2, 42);
    const x = randomInputs(1, [4, 4, 1], 43);
    const phi = tf.mul(x, tf.tensor4d(weightColumn(fixture, 1), [1, 4, 4, 1]));
    const negated = tf.neg(phi);
    const options = { targets: 1, output: 'logits', insertionBaseline: 'zeros' } as const;
    const run = (m: tf.Tensor, abs: boolean) => deletionInsertion(fixture.model, x, m, { ...options, abs });
    expect(run(negated, true).deletion).toEqual(run(phi, true).deletion);
    // −Φ deletes the most negative contributions first: the curve rises, its AUC above Φ's.
    expect(run(negated, false).deletionAuc[0]!).toBeGreaterThan(run(phi, false).deletionAuc[0]! + 1e-3);
    [x, phi, negated].forEach((t) => t.dispose());
  });

  it('scores probabilities by default, with saliency, blur and fewer steps; leaks nothing', () => {
    const model = smallCnn(36);
    const x = randomInputs(2, [8, 8, 1], 37);
    const before = tf.memory().numTensors;
    const result = deletionInsertion(model, x, saliency, {
      targets: [0, 2],
      steps: 16,
      internalBatchSize: 7,
    });
    expect(tf.memory().numTensors).toBe(before);
    const probs = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    expect(result.fractions).toHaveLength(17);
    // Step 0 deletes nothing: the model's own probability of each target.
    expect(result.deletion[0]![0]).toBeCloseTo(probs[0]![0]!, 5);
    expect(result.deletion[1]![0]).toBeCloseTo(probs[1]![2]!, 5);
    // Step 16 inserts everything.
    expect(result.insertion[1]![16]).toBeCloseTo(probs[1]![2]!, 5);
    for (const a of [...result.deletionAuc, ...result.insertionAuc]) expect(a).toBeGreaterThan(0);
    x.dispose();
  });

  it.each([
    [
      'zero steps',
      { targets: 0, steps: 0 },
      'deletionInsertion: options.steps must be a positive integer; got 0.',
    ],
    [
      'an unknown baseline',
      { targets: 0, deletionBaseline: 'grey' },
      "deletionInsertion: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"grey\".",
    ],
  ])('rejects %s, leaking nothing', (_, options, message) => {
    const model = smallCnn(38);
    const x = randomInputs(1, [8, 8, 1], 39);
    const before = tf.memory().numTensors;
    expect(() => deletionInsertion(model, x, saliency, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects a map of the wrong shape', () => {
    const model = smallCnn(40);
    const x = randomInputs(1, [8, 8, 1], 41);
    const phi = tf.zeros([1, 8, 8, 2]);
    expect(() => deletionInsertion(model, x, phi, { targets: 0 })).toThrow(
      'deletionInsertion: the attributions have shape [1, 8, 8, 2]; they must have shape [1, 8, 8, 1].',
    );
    [x, phi].forEach((t) => t.dispose());
  });
});
