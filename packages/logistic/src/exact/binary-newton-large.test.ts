import { makeLogisticData } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { POOL_MIN_ROWS } from './binary-engine.js';
import { fitExactLogistic } from './binary-newton.js';

// 60,000 rows × 3: above POOL_MIN_ROWS (blocked engine) and above 8·4096 rows (warm start from every 8th row).
const ds = makeLogisticData({ n: 60_000, weights: [0.8, -1.2, 0.3], intercept: 0.4, seed: 3 });

describe('fitExactLogistic on a large design (blocked engine, warm start, workers)', () => {
  it('is bit-identical for 1 and 2 workers', () => {
    expect(ds.shape[0]).toBeGreaterThanOrEqual(POOL_MIN_ROWS);
    const one = fitExactLogistic(ds, { l2: 1, workers: 1 });
    const two = fitExactLogistic(ds, { l2: 1, workers: 2 });
    expect([two.intercept, ...two.coefficients]).toEqual([one.intercept, ...one.coefficients]);
    expect(Array.from(two.covariance)).toEqual(Array.from(one.covariance));
    expect(two.gradientNorm).toBe(one.gradientNorm);
    expect(one.converged).toBe(true);
  });

  it('reaches the minimum the cold start (Newton from 0) reaches, and its covariance', () => {
    const warm = fitExactLogistic(ds, { l2: 1, workers: 1 });
    const cold = fitExactLogistic(ds, { l2: 1, workers: 1, warmStart: false });
    expect(warm.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    // Both stop at ‖∇‖ <= 1e-8 (λ_min ≈ 1.5e4, so θ is at roundoff; the cold fit is polished): measured |Δθ|
    // 1.1e-16. The warm fit's covariance is its last Hessian's, one ~1e-9 step before θ: measured 1.4e-11 of its
    // largest entry (1.5e-4); bounds 1e-12 (θ) and 1e-9 (covariance).
    expectArraysClose(
      [warm.intercept, ...warm.coefficients],
      [cold.intercept, ...cold.coefficients],
      1e-12,
      'θ',
    );
    const top = Math.max(...cold.covariance.map(Math.abs));
    expectArraysClose(
      warm.covariance.map((v) => v / top),
      cold.covariance.map((v) => v / top),
      1e-9,
      'covariance / its largest entry',
    );
  });

  it('rejects a bad workers option', () => {
    expect(() => fitExactLogistic(ds, { workers: 0 })).toThrow(
      "fitExactLogistic: option 'workers' is 0; it must be an integer >= 1.",
    );
  });
});
