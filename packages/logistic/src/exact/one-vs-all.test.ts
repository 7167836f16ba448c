import { describe, expect, it } from 'vitest';
import { IllPosedError } from '../messages.js';
import { fitExactLogistic } from './binary-newton.js';
import { fitExactOneVsAll } from './one-vs-all.js';

// Five points, each carrying all three classes plus one extra label: every class-vs-rest problem has both labels at
// every point, so none is separable and each binary MLE exists.
const POINTS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 1],
];
const EXTRA = [0, 0, 1, 2, 2];
const rows = POINTS.flatMap((p, j) => [0, 1, 2, EXTRA[j]!].map((c) => ({ p, c })));
const data = {
  features: rows.flatMap((r) => r.p),
  shape: [rows.length, 2],
  featureNames: ['u', 'v'],
  target: rows.map((r) => r.c),
  classNames: ['a', 'b', 'c'],
};
const classVsRest = (k: number) => ({ ...data, target: data.target.map((c) => (c === k ? 1 : 0)) });

describe('fitExactOneVsAll', () => {
  it.each([0, 1])('row k is the binary fit of class k vs the rest, bit for bit (l2 = %d)', (l2) => {
    const fit = fitExactOneVsAll(data, { l2 });
    expect(fit.intercepts).toHaveLength(3);
    expect(fit.coefficients).toHaveLength(3 * 2);
    for (let k = 0; k < 3; k++) {
      const binary = fitExactLogistic(classVsRest(k), { l2 });
      expect(fit.intercepts[k]).toBe(binary.intercept);
      expect(Array.from(fit.coefficients.subarray(2 * k, 2 * k + 2))).toEqual(
        Array.from(binary.coefficients),
      );
    }
    expect(fit.converged).toBe(true);
  });

  it('converged is the AND of the K fits: false when one of three stops short', () => {
    // After 3 Newton steps ‖∇‖ is 5.0e-6, 1.3e-5 and 3.6e-6 for classes a, b, c: only b misses a 1e-5 tolerance.
    const options = { maxIterations: 3, gradientTolerance: 1e-5 };
    expect([0, 1, 2].map((k) => fitExactLogistic(classVsRest(k), options).converged)).toEqual([
      true,
      false,
      true,
    ]);
    expect(fitExactOneVsAll(data, options).converged).toBe(false);
  });

  // x = 0 … 5 holds classes 0 and 1 interleaved, x = 8 … 10 only class 2: class 2 vs rest is completely separated.
  const separable = {
    features: [0, 1, 2, 3, 4, 5, 8, 9, 10],
    shape: [9, 1],
    target: [0, 1, 0, 1, 1, 0, 2, 2, 2],
  };
  const separationMessage =
    "fitExactLogistic: complete separation — a linear combination of 'x0' separates the classes, so the " +
    'maximum-likelihood estimate does not exist (the coefficients diverge to infinity). Set l2 > 0 (e.g. l2 = 1) ' +
    'for a finite, penalized fit, or drop those features.';

  it.each([
    ['its index', undefined, "class '2' vs rest: "],
    ['its name', ['low', 'mid', 'high'], "class 'high' vs rest: "],
  ])('an ill-posed class fit is rethrown with the class (%s) in front', (_, classNames, prefix) => {
    let caught: unknown;
    try {
      fitExactOneVsAll({ ...separable, classNames });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllPosedError);
    expect((caught as IllPosedError).kind).toBe('separation');
    expect((caught as IllPosedError).message).toBe(prefix + separationMessage);
  });

  it('rejects a target of the wrong length, naming fitExactOneVsAll', () => {
    expect(() => fitExactOneVsAll({ ...data, target: [0, 1, 2] })).toThrow(
      "fitExactOneVsAll: argument 'target' has 3 values but the features have 20 rows.",
    );
  });
});
