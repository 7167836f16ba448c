import { makeLogisticData } from '@openbox/datasets';
import { tensorGrowth } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cars, maxAbsDiff, oneVsRest, penguins, setupBackend, standardized } from '../test-helpers.js';
import type { BinaryData } from '../data/types.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { fitExactMultinomial } from '../exact/multinomial.js';
import { fitExactOneVsAll } from '../exact/one-vs-all.js';
import { fitNetLogistic, fitNetOneVsAll, fitNetSoftmax } from './net-fit.js';

/** The stated target: net vs exact max |Δ| <= 1e-4 on standardized features. */
const TOLERANCE = 1e-4;

beforeAll(setupBackend);

const synthetic = (): BinaryData => {
  const ds = makeLogisticData({ n: 5000, weights: [1.2, -0.8, 0.4, 0, 2], intercept: -0.5, seed: 7 });
  return { ...standardized(ds), target: ds.target };
};

describe('fitNetLogistic: Dense(1, sigmoid) trained to convergence equals exact logistic regression', () => {
  it.each([
    ['penguins Adelie vs rest', () => oneVsRest(penguins(), 'Adelie'), 0],
    ['penguins Chinstrap vs rest', () => oneVsRest(penguins(), 'Chinstrap'), 0],
    ['penguins Gentoo vs rest (separable: l2 = 1)', () => oneVsRest(penguins(), 'Gentoo'), 1],
    ['cars Japan vs rest', () => oneVsRest(cars(), 'Japan'), 0],
    ['cars USA vs rest, l2 = 2', () => oneVsRest(cars(), 'USA'), 2],
    ['synthetic known weights', synthetic, 0],
  ] as const)('%s: max |Δ| <= 1e-4', (_, make, l2) => {
    const data = make();
    const exact = fitExactLogistic(data, { l2 });
    const net = fitNetLogistic(data, { l2, seed: 1 });
    expect(net.converged).toBe(true);
    const delta = Math.max(
      Math.abs(net.intercept - exact.intercept),
      maxAbsDiff(net.coefficients, exact.coefficients),
    );
    expect(delta).toBeLessThanOrEqual(TOLERANCE);
  });

  it('the same seed gives the same net; training disposes every tensor', async () => {
    const data = oneVsRest(cars(), 'Europe');
    const a = fitNetLogistic(data, { seed: 3 });
    const b = fitNetLogistic(data, { seed: 3 });
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
    const before = tf.memory().numTensors;
    expect(await tensorGrowth(() => void fitNetLogistic(data, { seed: 3, maxIterations: 5 }), 2)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fitNetSoftmax / fitNetOneVsAll', () => {
  it.each([
    ['penguins', 1, penguins],
    ['cars', 0, cars],
  ] as const)(
    '%s (l2 = %d): Dense(K, softmax) equals multinomial LR (centred) within 1e-4',
    (_, l2, load) => {
      const data = standardized(load());
      const exact = fitExactMultinomial(data, { l2 });
      const net = fitNetSoftmax(data, { l2 });
      expect(net.converged).toBe(true);
      expect(maxAbsDiff(net.intercepts, exact.intercepts)).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(net.coefficients, exact.coefficients)).toBeLessThanOrEqual(TOLERANCE);
    },
  );

  it('cars: K sigmoid nets equal exact one-vs-all fits within 1e-4; no tensors left', async () => {
    const data = standardized(cars());
    const exact = fitExactOneVsAll(data);
    const before = tf.memory().numTensors;
    const net = fitNetOneVsAll(data);
    expect(tf.memory().numTensors).toBe(before);
    expect(net.converged).toBe(true);
    expect(maxAbsDiff(net.intercepts, exact.intercepts)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDiff(net.coefficients, exact.coefficients)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('rejects bad input like the exact fit', () => {
    expect(() => fitNetLogistic({ features: [1, 2, 3], shape: [3, 1], target: [0, 1, 2] })).toThrow(
      "fitNetLogistic: argument 'target' must hold only 0 and 1",
    );
    expect(() =>
      fitNetLogistic({ features: [1, 2, 3], shape: [3, 1], target: [0, 1, 0] }, { seed: 0.5 }),
    ).toThrow("fitNetLogistic: option 'seed' is 0.5");
  });
});
