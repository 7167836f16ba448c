import { describe, expect, it } from 'vitest';
import { makeLogisticData } from '@openbox/datasets';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { inferenceBlocker } from './inference-blocker.js';

describe('inferenceBlocker', () => {
  const data = makeLogisticData({ n: 200, weights: [1, -0.5], intercept: 0.2, seed: 4 });

  it('a converged fit with an invertible information: null', () => {
    expect(inferenceBlocker(fitExactLogistic(data))).toBeNull();
  });

  it('stopped by maxIterations: not-converged', () => {
    const fit = fitExactLogistic(data, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(inferenceBlocker(fit)).toBe('not-converged');
  });

  it('converged but a NaN covariance (what fitExactLogistic returns when the Cholesky of XᵀWX fails): singular-information', () => {
    const fit = fitExactLogistic(data);
    expect(inferenceBlocker({ ...fit, covariance: fit.covariance.map(() => NaN) })).toBe(
      'singular-information',
    );
  });
});
