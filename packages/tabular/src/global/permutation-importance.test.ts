import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import type { TabularClassifier } from '../core/classifier.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import {
  permutationImportance,
  type ImportanceMetric,
  type PermutationImportanceOptions,
} from './permutation-importance.js';
import { studentTQuantile } from './student-t.js';

beforeAll(setupBackend);

/** A 3-class softmax classifier in JS whose scores ignore feature 3. */
const jsClassifier: TabularClassifier = {
  features: 4,
  classes: 3,
  label: 'js',
  head: 'softmax',
  scores: (x) => {
    const out = new Float64Array(x.rows * 3);
    for (let r = 0; r < x.rows; r++) {
      const [a, b, c] = x.data.subarray(r * 4, r * 4 + 3);
      out.set([2 * a! - b!, b! * c! + 0.5, -a! + 3 * c!], r * 3);
    }
    return out;
  },
};

/** The metric straight from probabilities: softmax (or σ), then mean −log p_y or argmax accuracy. */
function directMetric(c: TabularClassifier, x: Matrix, labels: number[], metric: ImportanceMetric): number {
  const z = c.scores(x);
  let sum = 0;
  for (let i = 0; i < x.rows; i++) {
    const p =
      c.head === 'sigmoid'
        ? [1 - 1 / (1 + Math.exp(-z[i]!)), 1 / (1 + Math.exp(-z[i]!))]
        : (() => {
            const e = Array.from(z.subarray(i * c.classes, (i + 1) * c.classes), Math.exp);
            const s = e.reduce((a, b) => a + b, 0);
            return e.map((v) => v / s);
          })();
    const argmax = p.indexOf(Math.max(...p));
    sum += metric === 'log-loss' ? -Math.log(p[labels[i]!]!) : argmax === labels[i] ? 1 : 0;
  }
  return sum / x.rows;
}

/** The documented loop: one rng, features in order, repeats in order, rng.shuffle of 0..n−1 each. */
function directImportance(
  c: TabularClassifier,
  x: Matrix,
  labels: number[],
  metric: ImportanceMetric,
  repeats: number,
  seed: number,
) {
  const rng = createRng(seed);
  const base = directMetric(c, x, labels, metric);
  return Array.from({ length: c.features }, (_, j) =>
    Array.from({ length: repeats }, () => {
      const perm = rng.shuffle(Array.from({ length: x.rows }, (_, i) => i));
      const data = Float64Array.from(x.data);
      for (let i = 0; i < x.rows; i++) data[i * x.cols + j] = x.data[perm[i]! * x.cols + j]!;
      const m = directMetric(c, { data, rows: x.rows, cols: x.cols }, labels, metric);
      return metric === 'log-loss' ? m - base : base - m;
    }),
  );
}

const x = randomMatrix(40, 4, 1);
const labels = Array.from({ length: 40 }, (_, i) => (i * 7) % 3);

describe('permutationImportance', () => {
  it.each<ImportanceMetric>(['log-loss', 'accuracy'])(
    'equals a direct loop with the same permutations (%s)',
    (metric) => {
      const result = permutationImportance(jsClassifier, x, labels, { metric, repeats: 5, seed: 3 });
      const direct = directImportance(jsClassifier, x, labels, metric, 5, 3);
      expect(result.baseline).toBeCloseTo(directMetric(jsClassifier, x, labels, metric), 12);
      result.features.forEach((f, j) => {
        // Log-loss by a stable log-sum-exp vs log of softmax probabilities: rounding only.
        f.drops.forEach((v, k) => expect(v).toBeCloseTo(direct[j]![k]!, 12));
      });
    },
  );

  it('gives a feature the model ignores exactly 0, with the interval [0, 0]', () => {
    const result = permutationImportance(jsClassifier, x, labels, { seed: 1 });
    const ignored = result.features[3]!;
    expect([ignored.mean, ignored.sd, ignored.low, ignored.high]).toEqual([0, 0, 0, 0]);
    expect(Array.from(ignored.drops)).toEqual(new Array(10).fill(0));
    expect(result.features[0]!.mean).toBeGreaterThan(0.1);
  });

  it('interval is the t-interval of the mean and contains it', () => {
    const result = permutationImportance(jsClassifier, x, labels, { repeats: 8, level: 0.9, seed: 2 });
    for (const f of result.features.slice(0, 3)) {
      const half = (studentTQuantile(0.95, 7) * f.sd) / Math.sqrt(8);
      expect(f.low).toBeCloseTo(f.mean - half, 12);
      expect(f.high).toBeCloseTo(f.mean + half, 12);
      expect(f.low).toBeLessThan(f.mean);
      expect(f.high).toBeGreaterThan(f.mean);
    }
  });

  it('t quantiles match tables (df 1, 9, 1000)', () => {
    // Published values to the digits shown.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 7);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157163, 8);
    expect(studentTQuantile(0.95, 7)).toBeCloseTo(1.894578605, 8);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.962339, 5);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157163, 8);
  });

  it('same seed, same drops; another seed, other drops', () => {
    const run = (seed: number) =>
      Array.from(permutationImportance(jsClassifier, x, labels, { seed }).features[0]!.drops);
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });

  it('works on a sigmoid MLP against the direct loop, and leaves no tensor behind, error path included', () => {
    const model = smallMlp(4, [6], 1, 5);
    const c = fromLayersModel(model);
    const binary = labels.map((y) => y % 2);
    const direct = directImportance(c, x, binary, 'log-loss', 3, 7);
    permutationImportance(c, x, binary, { repeats: 3, seed: 7 });
    const before = tf.memory().numTensors;
    const result = permutationImportance(c, x, binary, { repeats: 3, seed: 7 });
    // float32 scores, identical in both paths; float64 metric arithmetic differs in rounding only.
    result.features.forEach((f, j) => f.drops.forEach((v, k) => expect(v).toBeCloseTo(direct[j]![k]!, 9)));
    expect(() => permutationImportance(c, x, [1, 0], {})).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  const fn = 'permutationImportance';
  it.each<[string, ArrayLike<number>, PermutationImportanceOptions, string]>([
    ['short labels', [0, 1], {}, MESSAGES.labelsLength(fn, 2, 40)],
    ['a label 3', labels.map((y, i) => (i === 5 ? 3 : y)), {}, MESSAGES.labelRange(fn, 5, 3, 3)],
    ['a label 0.5', labels.map((y, i) => (i === 2 ? 0.5 : y)), {}, MESSAGES.labelRange(fn, 2, 0.5, 3)],
    [
      'metric auc',
      labels,
      { metric: 'auc' as ImportanceMetric },
      MESSAGES.unknownName(fn, 'options.metric', 'auc', ['accuracy', 'log-loss']),
    ],
    ['repeats 1', labels, { repeats: 1 }, MESSAGES.importanceRepeats(fn, 1)],
    [
      'seed 1.5',
      labels,
      { seed: 1.5 },
      MESSAGES.integerRange(fn, 'options.seed', 1.5, -(2 ** 31), 2 ** 31 - 1),
    ],
    ['level 1', labels, { level: 1 }, MESSAGES.openUnitInterval(fn, 'options.level', 1)],
    ['level NaN', labels, { level: NaN }, MESSAGES.openUnitInterval(fn, 'options.level', NaN)],
  ])('refuses %s', (_, badLabels, options, message) => {
    expect(() => permutationImportance(jsClassifier, x, badLabels, options)).toThrow(message);
  });
});
