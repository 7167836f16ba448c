import { describe, expect, it } from 'vitest';
import { makeLogisticData } from './make-logistic-data.js';
import { fitLogistic } from './test-fit-logistic.js';

describe('makeLogisticData', () => {
  const ds = makeLogisticData({ n: 20_000, weights: [1.5, -2], intercept: 0.5, seed: 1 });

  it('has the requested shape, names and ground truth', () => {
    expect(ds.shape).toEqual([20_000, 2]);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect(ds.classNames).toEqual(['0', '1']);
    expect(ds.trueWeights).toEqual([1.5, -2]);
    expect(ds.trueIntercept).toBe(0.5);
    expect(ds.target.every((t) => t === 0 || t === 1)).toBe(true);
  });

  it('draws standard normal features', () => {
    for (let j = 0; j < 2; j++) {
      const col = Array.from({ length: 20_000 }, (_, i) => ds.features[i * 2 + j] as number);
      const mean = col.reduce((a, b) => a + b) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    }
  });

  it('labels follow the model: the observed rate matches the mean true probability within 4 SE', () => {
    const observed = ds.target.reduce((a, b) => a + b, 0) / 20_000;
    const expected = ds.trueProbabilities.reduce((a, b) => a + b, 0) / 20_000;
    const se = Math.sqrt(ds.trueProbabilities.reduce((a, p) => a + p * (1 - p), 0)) / 20_000;
    expect(Math.abs(observed - expected)).toBeLessThan(4 * se);
  });

  it('a logistic regression fit recovers the weights and intercept', () => {
    const [b, w1, w2] = fitLogistic(ds.features, ds.target, 2, 10);
    expect(Math.abs(b! - 0.5)).toBeLessThan(0.1);
    expect(Math.abs(w1! - 1.5)).toBeLessThan(0.12);
    expect(Math.abs(w2! + 2)).toBeLessThan(0.15);
  });

  it('same seed → same data; another seed → different data', () => {
    const a = makeLogisticData({ n: 50, weights: [1], intercept: 0, seed: 5 });
    const b = makeLogisticData({ n: 50, weights: [1], intercept: 0, seed: 5 });
    const c = makeLogisticData({ n: 50, weights: [1], intercept: 0, seed: 6 });
    expect(b.features).toEqual(a.features);
    expect(b.target).toEqual(a.target);
    expect(c.features).not.toEqual(a.features);
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => makeLogisticData({ n: 0, weights: [1], intercept: 0, seed: 0 })).toThrow(
      'makeLogisticData: options.n must be an integer ≥ 1, got 0',
    );
    expect(() => makeLogisticData({ n: 5, weights: [1, NaN], intercept: 0, seed: 0 })).toThrow(
      'makeLogisticData: options.weights[1] must be a finite number, got NaN',
    );
    expect(() => makeLogisticData({ n: 5, weights: [], intercept: 0, seed: 0 })).toThrow(
      /options\.weights\.length/,
    );
  });
});
