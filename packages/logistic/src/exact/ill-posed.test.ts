import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { penalizedGradient, penguins, standardized } from '../test-helpers.js';
import { IllPosedError, type IllPosedKind } from '../messages.js';
import { fitExactLogistic } from './binary-newton.js';
import { fitExactMultinomial } from './multinomial.js';

function illPosed(fn: () => unknown): IllPosedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IllPosedError) return error;
    throw error;
  }
  throw new Error('expected an IllPosedError');
}

const expectKind = (fn: () => unknown, kind: IllPosedKind, ...fragments: string[]) => {
  const error = illPosed(fn);
  expect(error.kind).toBe(kind);
  for (const f of fragments) expect(error.message).toContain(f);
  return error;
};

describe('ill-posed problems', () => {
  it('complete separation: says the MLE does not exist, names the feature, suggests l2 > 0', () => {
    const x = [1, 0.3, 2, -0.5, 3, 0.8, 4, 0.1, 5, -0.9, 6, 0.4];
    const data = { features: x, shape: [6, 2], featureNames: ['dose', 'noise'], target: [0, 0, 0, 1, 1, 1] };
    const error = expectKind(
      () => fitExactLogistic(data),
      'separation',
      'complete separation',
      'does not exist',
      'l2 > 0',
    );
    expect(error.features).toContain('dose');
    const penalized = fitExactLogistic(data, { l2: 1 });
    expect(penalized.converged).toBe(true);
    // With l2 > 0 a minimum exists: the test's own gradient of Σ log-loss + ½‖w‖² vanishes there (measured
    // 2.2e-16; bound ≈ 9×).
    const theta = [penalized.intercept, ...penalized.coefficients];
    expectArraysClose(penalizedGradient(data, theta, 1), [0, 0, 0], 2e-15, 'penalized ∇ at the fit');
  });

  it('quasi-complete separation (ties at the boundary) is detected too', () => {
    // x = 0: all negative, x = 1: mixed, x = 2: all positive.
    const features = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
    const target = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1];
    const error = expectKind(
      () => fitExactLogistic({ features, shape: [10, 1], target }),
      'separation',
      'quasi-complete',
    );
    expect(error.features).toEqual(['x0']);
  });

  it.each([12, 100])(
    'quasi-complete separation seen only in the last step θ − θ_prev is detected too (maxIterations = %i)',
    (maxIterations) => {
      // x = 1 holds 3 negatives and 1 positive: the fitted log-odds there tend to logit(1/4) ≠ 0, so θ itself leaves
      // a margin of about −1.1 at x = 1 and never separates; the step between the last two iterates, along which
      // the coefficients diverge, does (from iteration 10 on; 12 stops before convergence, 100 after it).
      const features = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
      const target = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
      const error = illPosed(() => fitExactLogistic({ features, shape: [10, 1], target }, { maxIterations }));
      expect(error.kind).toBe('separation');
      expect(error.features).toEqual(['x0']);
      expect(error.message).toBe(
        "fitExactLogistic: quasi-complete separation — a linear combination of 'x0' separates the classes (with ties " +
          'on the boundary), so the maximum-likelihood estimate does not exist (the coefficients diverge to ' +
          'infinity). Set l2 > 0 (e.g. l2 = 1) for a finite, penalized fit, or drop those features.',
      );
    },
  );

  it('multinomial separation (penguins species are separable) is detected; l2 = 1 fits', () => {
    const data = standardized(penguins());
    expectKind(() => fitExactMultinomial(data), 'separation', 'fitExactMultinomial', 'separation');
    expect(fitExactMultinomial(data, { l2: 1 }).converged).toBe(true);
  });

  it('collinear columns are named (l2 = 0); l2 > 0 fits', () => {
    const rows = [
      [1, 2],
      [2, 0.5],
      [3, 1],
      [0.5, 4],
      [2.5, 3],
      [1.5, 1.5],
      [4, 0],
      [0, 2],
    ];
    const features = rows.flatMap(([a, b]) => [a!, b!, a! + 2 * b!]);
    const data = { features, shape: [8, 3], featureNames: ['a', 'b', 'c'], target: [0, 1, 0, 1, 1, 0, 1, 0] };
    const error = expectKind(
      () => fitExactLogistic(data),
      'collinear',
      "'c' is a linear combination of 'a', 'b'",
    );
    expect(error.features).toEqual(['c', 'a', 'b']);
    expect(fitExactLogistic(data, { l2: 1 }).converged).toBe(true);
  });

  it('constant columns are named (l2 = 0); with l2 > 0 they get coefficient 0', () => {
    const data = {
      features: [1, 5, 2, 5, 3, 5, 4, 5],
      shape: [4, 2],
      featureNames: ['a', 'k'],
      target: [0, 1, 1, 0],
    };
    expectKind(() => fitExactLogistic(data), 'constant-column', "'k' is constant");
    expect(Math.abs(fitExactLogistic(data, { l2: 1 }).coefficients[1]!)).toBeLessThan(1e-9);
  });

  it('one class only', () => {
    expectKind(
      () => fitExactLogistic({ features: [1, 2, 3], shape: [3, 1], target: [1, 1, 1] }),
      'one-class',
      'one class only',
    );
    expectKind(
      () => fitExactMultinomial({ features: [1, 2, 3], shape: [3, 1], target: [2, 2, 2], numClasses: 3 }),
      'one-class',
    );
  });

  it('NaN in features (row and column named) or in the target', () => {
    const f = [1, 2, 3, NaN, 5, 6];
    expectKind(
      () => fitExactLogistic({ features: f, shape: [3, 2], featureNames: ['u', 'v'], target: [0, 1, 0] }),
      'not-finite',
      "row 1, column 'v'",
    );
    expectKind(
      () => fitExactLogistic({ features: [1, 2, 3], shape: [3, 1], target: [0, NaN, 1] }),
      'not-finite',
      'row 1',
    );
  });

  it('non-binary target for the binary API', () => {
    expectKind(
      () => fitExactLogistic({ features: [1, 2, 3, 4], shape: [4, 1], target: [0, 1, 2, 1] }),
      'non-binary',
      "fitExactLogistic: argument 'target' must hold only 0 and 1",
      'holds 0, 1, 2',
    );
  });

  it('fewer rows than parameters (l2 = 0)', () => {
    const data = { features: [1, 0, 2, 0, 1, 3, 2, 2, 1], shape: [3, 3], target: [0, 1, 1] };
    expectKind(() => fitExactLogistic(data), 'too-few-rows', '3 rows but 4 parameters');
  });
});
