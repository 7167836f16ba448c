import { describe, expect, it } from 'vitest';
import { ML_DEFAULTS, ML_MIN_STEPS, ML_ROW_OVERHEAD, ML_WORK_BUDGET, mlDefaultSteps } from './ml-budget.js';

describe('mlDefaultSteps', () => {
  it.each([
    // n, d, classifiers, steps
    [20_000, 4, 2, 22], // the slow CLI case: 50,000 steps were ~30 min
    [392, 6, 2, 1085], // cars binary
    [392, 7, 3, 708], // cars one-vs-all, 3 classes
    [100, 2, 2, 4651],
    [5, 1, 2, 50_000], // capped at the package's own default
    [1_000_000, 10, 2, ML_MIN_STEPS], // floored
  ])('n = %i, d = %i, %i classifiers → %i steps', (n, d, classifiers, steps) => {
    const formula = Math.floor(ML_WORK_BUDGET / (classifiers * n * (d + 1 + ML_ROW_OVERHEAD)));
    expect(mlDefaultSteps(n, d, classifiers)).toBe(steps);
    expect(steps).toBe(Math.min(ML_DEFAULTS.numSteps, Math.max(ML_MIN_STEPS, formula)));
  });

  it('20,000 × 4 binary is cut far below 50,000 steps, and the work stays within the budget', () => {
    const steps = mlDefaultSteps(20_000, 4, 2);
    expect(steps).toBeLessThan(ML_DEFAULTS.numSteps);
    expect(2 * 20_000 * (4 + 1 + ML_ROW_OVERHEAD) * steps).toBeLessThanOrEqual(ML_WORK_BUDGET);
  });
});
