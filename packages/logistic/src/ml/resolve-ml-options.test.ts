import { describe, expect, it } from 'vitest';
import { resolveMlOptions } from './resolve-ml-options.js';

const fn = 'fitMlLogisticRegression';

describe('resolveMlOptions', () => {
  it('no numSteps: the budgeted default, flagged when it is below 50,000', () => {
    expect(resolveMlOptions(fn, {}, 20_000, 4, 2)).toEqual({
      numSteps: 22,
      learningRate: 5e-4,
      budgeted: true,
    });
    expect(resolveMlOptions(fn, {}, 5, 1, 2)).toEqual({
      numSteps: 50_000,
      learningRate: 5e-4,
      budgeted: false,
    });
  });

  it.each([0, 7, 50_000, 1_000_000])(
    'an explicit numSteps %i is honoured on any size, not flagged',
    (steps) => {
      expect(resolveMlOptions(fn, { numSteps: steps, learningRate: 1e-3 }, 20_000, 4, 2)).toEqual({
        numSteps: steps,
        learningRate: 1e-3,
        budgeted: false,
      });
    },
  );

  it.each([
    [
      { numSteps: 1_000_001 },
      "fitMlLogisticRegression: option 'numSteps' is 1000001; it must be an integer 0 … 1,000,000.",
    ],
    [
      { numSteps: 2.5 },
      "fitMlLogisticRegression: option 'numSteps' is 2.5; it must be an integer 0 … 1,000,000.",
    ],
    [
      { numSteps: -1 },
      "fitMlLogisticRegression: option 'numSteps' is -1; it must be an integer 0 … 1,000,000.",
    ],
    [
      { learningRate: 0 },
      "fitMlLogisticRegression: option 'learningRate' is 0; it must be a finite number > 0.",
    ],
    [
      { learningRate: Infinity },
      "fitMlLogisticRegression: option 'learningRate' is Infinity; it must be a finite number > 0.",
    ],
  ])('rejects %o with a message naming the function, option and value', (options, message) => {
    expect(() => resolveMlOptions(fn, options, 100, 2, 2)).toThrow(message);
  });
});
