import { makeLogisticData } from '@openbox/datasets';
import { tensorGrowth } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cars, oneVsRest, penguins, setupBackend, standardized } from '../test-helpers.js';
import type { BinaryData } from '../data/types.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { fitExactMultinomial } from '../exact/multinomial.js';
import { fitExactOneVsAll } from '../exact/one-vs-all.js';
import { fitNetLogistic, fitNetOneVsAll, fitNetSoftmax } from './net-fit.js';

/**
 * Net vs exact, |Δ| <= tolerance · max(1, |exact|), on standardized features. The nets stop at ‖∇‖ <= 1e-7 (mean
 * scale) in float32; measured on wasm: binary nets at most 2.1e-6 (penguins Chinstrap), softmax 4.1e-6 (cars),
 * K sigmoid nets 9.0e-7 (cars). Bounds ≈ 5–10× those: well inside the agreement verdict's max |Δ| <= 1e-4.
 */
const BINARY_TOLERANCE = 2e-5;
const SOFTMAX_TOLERANCE = 2e-5;
const ONE_VS_ALL_TOLERANCE = 5e-6;

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
  ] as const)('%s: |Δ| <= 2e-5 · max(1, |exact|)', (name, make, l2) => {
    const data = make();
    const exact = fitExactLogistic(data, { l2 });
    const net = fitNetLogistic(data, { l2, seed: 1 });
    expect(net.converged).toBe(true);
    expectArraysClose(
      [net.intercept, ...net.coefficients],
      [exact.intercept, ...exact.coefficients],
      BINARY_TOLERANCE,
      name,
    );
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
    '%s (l2 = %d): Dense(K, softmax) equals multinomial LR (centred) within 2e-5 · max(1, |exact|)',
    (name, l2, load) => {
      const data = standardized(load());
      const exact = fitExactMultinomial(data, { l2 });
      const net = fitNetSoftmax(data, { l2 });
      expect(net.converged).toBe(true);
      expectArraysClose(net.intercepts, exact.intercepts, SOFTMAX_TOLERANCE, `${name} intercepts`);
      expectArraysClose(net.coefficients, exact.coefficients, SOFTMAX_TOLERANCE, `${name} coefficients`);
    },
  );

  it('cars: K sigmoid nets equal exact one-vs-all fits within 5e-6 · max(1, |exact|); no tensors left', async () => {
    const data = standardized(cars());
    const exact = fitExactOneVsAll(data);
    const before = tf.memory().numTensors;
    const net = fitNetOneVsAll(data);
    expect(tf.memory().numTensors).toBe(before);
    expect(net.converged).toBe(true);
    expectArraysClose(net.intercepts, exact.intercepts, ONE_VS_ALL_TOLERANCE, 'intercepts');
    expectArraysClose(net.coefficients, exact.coefficients, ONE_VS_ALL_TOLERANCE, 'coefficients');
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
