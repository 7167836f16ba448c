import { describe, expect, it } from 'vitest';
import { sigmoid, softplus } from './binary-newton.js';

// For η <= −37, e^η < 2⁻⁵³, so 1 + e^η rounds to 1: log(1 + e^η) and e^η/(1 + e^η) both equal e^η in float64
// (their true relative distance from e^η is e^η itself), down into the subnormals (e^−720 ≈ 2.0e-313, e^−745 the
// smallest). Symmetrically for η >= 37, log(1 + e^η) = η and 1/(1 + e^−η) = 1. The naive formulas overflow:
// e^710 = ∞ gives log1p(∞) = ∞ and ∞/∞ = NaN; 1/(1 + e^720) = 0 loses the subnormal.
describe('softplus and sigmoid, the overflow-free forms', () => {
  it.each([-40, -720, -745])('left tail η = %i: softplus(η) = sigmoid(η) = e^η, to the last bit', (eta) => {
    expect(softplus(eta)).toBe(Math.exp(eta));
    expect(sigmoid(eta)).toBe(Math.exp(eta));
    expect(sigmoid(eta)).toBeGreaterThan(0);
  });

  it.each([40, 710, 800])('right tail η = %i: softplus(η) = η and sigmoid(η) = 1 exactly', (eta) => {
    expect(softplus(eta)).toBe(eta);
    expect(sigmoid(eta)).toBe(1);
  });

  it('beyond the subnormals: softplus(−800) = sigmoid(−800) = 0, not NaN', () => {
    expect(softplus(-800)).toBe(0);
    expect(sigmoid(-800)).toBe(0);
  });

  it('η = 0: log 2 and ½ (both branches agree there)', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(sigmoid(0)).toBe(0.5);
  });

  it.each([0.5, 1, 3, 20])(
    'η = ±%d: softplus(η) − softplus(−η) = η and sigmoid(η) + sigmoid(−η) = 1',
    (eta) => {
      // Measured: 0 and at most 1 ulp (η = 3); bound 2 ulps of max(1, η) and of 1.
      expect(Math.abs(softplus(eta) - softplus(-eta) - eta)).toBeLessThanOrEqual(
        2 * Number.EPSILON * Math.max(1, eta),
      );
      expect(Math.abs(sigmoid(eta) + sigmoid(-eta) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
    },
  );
});
