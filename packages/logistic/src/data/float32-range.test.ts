import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../test-helpers.js';
import { IllPosedError } from '../messages.js';
import { fitNetLogistic } from '../net/net-fit.js';
import { toDesign } from './design.js';
import { checkFloat32Range, FLOAT32_MAX, FLOAT32_MIN_NORMAL } from './float32-range.js';

beforeAll(setupBackend);

const check = (features: number[], shape: [number, number]) => () =>
  checkFloat32Range(
    'fitNetLogistic',
    toDesign('fitNetLogistic', { features, shape, featureNames: ['a', 'b'].slice(0, shape[1]) }, false),
  );

const error = (fn: () => unknown): IllPosedError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof IllPosedError) return e;
    throw e;
  }
  throw new Error('expected an IllPosedError');
};

describe('checkFloat32Range', () => {
  it('the constants are float32 max and min normal: fround keeps them, and one step beyond leaves the range', () => {
    expect(Math.fround(FLOAT32_MAX)).toBe(FLOAT32_MAX);
    expect(Math.fround(FLOAT32_MAX * (1 + 2 ** -23))).toBe(Infinity);
    expect(Math.fround(FLOAT32_MIN_NORMAL)).toBe(FLOAT32_MIN_NORMAL);
    expect(Math.fround(1e-40)).not.toBe(1e-40); // a denormal: the silent change this check prevents
  });

  it.each([
    [
      'overflow: 1e39 would be ∞ in float32',
      [1, 2, 1e39, 3],
      "fitNetLogistic: argument 'features' has 1.00e39 at row 1, column 'a', beyond float32's largest value ±3.4e38",
    ],
    [
      'underflow: 1e-40 would be a denormal (or 0)',
      [1, 2, 3, -1e-40],
      "fitNetLogistic: argument 'features' has -1.00e-40 at row 1, column 'b', nonzero but below float32's smallest normal value 1.18e-38",
    ],
    [
      'sum overflow: 1,000 rows × √(6/3) × (1e36 + 1) = 1.41e39 overflow the summed cross-entropy',
      Array.from({ length: 2000 }, (_, k) => (k % 2 === 0 ? 1e36 * (k % 4 === 0 ? 1 : -1) : 1)),
      "rows × Glorot weight limit × Σ max|column| = 1.41e39 > 3.4e38 (column 'a' reaches 1.00e36)",
    ],
  ])('%s: IllPosedError float32-range naming the column (and row) and the value', (_, features, message) => {
    const n = features.length / 2;
    const e = error(check(features, [n, 2]));
    expect(e.kind).toBe('float32-range');
    expect(e.message).toContain(message);
    expect(e.message).toContain('standardize: true / --standardize');
  });

  it('why the sum bound: tfjs float32 really overflows there (Σ of 1,000 × 1e36 = ∞)', () => {
    const s = tf.tidy(() => tf.sum(tf.fill([1000], 1e36)).dataSync()[0]);
    expect(s).toBe(Infinity);
  });

  it.each([
    ['zeros, ±1.18e-38 exactly, and 1e37 on 4 rows (4·√3·1e37 < 3.4e38)', [0, 1e37, -FLOAT32_MIN_NORMAL, 0]],
    ['ordinary values', [0.5, -2, 1e30, 3e-30]],
  ])('accepts %s', (_, features) => {
    expect(check(features, [4, 1])).not.toThrow();
  });

  it('fitNetLogistic runs it before building any tensor: the error is thrown and no tensor is left', () => {
    const before = tf.memory().numTensors;
    const e = error(() => fitNetLogistic({ features: [1, 1e-40, 2, 3], shape: [2, 2], target: [0, 1] }));
    expect(e.message).toContain("fitNetLogistic: argument 'features' has 1.00e-40 at row 0, column 'x1'");
    expect(tf.memory().numTensors).toBe(before);
  });
});
