import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { explainedOutput } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { partialDependence, type PartialDependenceOptions } from './partial-dependence.js';

beforeAll(setupBackend);

const additive = jsFunction(3, (z) => Math.sin(2 * z[0]!) + z[1]! ** 2 + 2 * z[2]!);
const x = randomMatrix(30, 3, 1);

/** numpy's default (linear, type 7) quantile. */
const quantile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};
const column = (m: Matrix, j: number) => Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]!);

describe('partialDependence', () => {
  it('equals a direct loop: each row with the feature set to each grid value, one at a time', () => {
    const f = jsFunction(3, (z) => z[0]! * z[1]! + Math.exp(z[2]!) * z[0]!);
    const pd = partialDependence(f, x, 0, { grid: 7 });
    const G = pd.grid.length;
    for (let i = 0; i < x.rows; i++)
      for (let g = 0; g < G; g++) {
        const row = Float64Array.from(x.data.subarray(i * 3, i * 3 + 3));
        row[0] = pd.grid[g]!;
        expect(pd.ice[i * G + g]).toBe(f.evaluate({ data: row, rows: 1, cols: 3 })[0]);
      }
    for (let g = 0; g < G; g++) {
      let mean = 0;
      for (let i = 0; i < x.rows; i++) mean += pd.ice[i * G + g]! / x.rows;
      expect(pd.average[g]).toBeCloseTo(mean, 14);
    }
  });

  it('for an additive f: PDP of feature j is f_j(grid) + const and every ICE curve is parallel', () => {
    const pd = partialDependence(additive, x, 0);
    const G = pd.grid.length;
    const rest = column(x, 1).reduce((s, v, i) => s + v ** 2 + 2 * x.data[i * 3 + 2]!, 0) / x.rows;
    // Float64 sums of 30 O(1) terms.
    expectArraysClose(
      pd.average,
      Array.from(pd.grid, (g) => Math.sin(2 * g) + rest),
      1e-12,
    );
    for (let i = 1; i < x.rows; i++)
      for (let g = 0; g < G; g++)
        expect(pd.ice[i * G + g]! - pd.ice[i * G]!).toBeCloseTo(pd.ice[g]! - pd.ice[0]!, 12);
  });

  it('grids at the quantiles 5%..95% (default), uniform between them, or the distinct values', () => {
    const values = column(x, 1);
    const q = partialDependence(additive, x, 1, { grid: 5 });
    expectArraysClose(
      q.grid,
      [0.05, 0.275, 0.5, 0.725, 0.95].map((p) => quantile(values, p)),
      1e-14,
    );
    const u = partialDependence(additive, x, 1, { grid: 5, gridKind: 'uniform' });
    const [lo, hi] = [quantile(values, 0.05), quantile(values, 0.95)];
    expectArraysClose(
      u.grid,
      [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo)),
      1e-14,
    );
    expect(partialDependence(additive, x, 1).grid.length).toBe(20);
    const discrete = { ...x, data: x.data.map((v, i) => (i % 3 === 2 ? Math.round(v * 2) + 0 : v)) };
    expect(Array.from(partialDependence(additive, discrete, 2).grid)).toEqual([-2, -1, 0, 1, 2]);
    const explicit = partialDependence(additive, x, 2, { values: [3, -1] });
    expect(Array.from(explicit.grid)).toEqual([3, -1]);
    expectArraysClose(
      explicit.ice.subarray(0, 2),
      [
        additive.evaluate({ data: Float64Array.of(x.data[0]!, x.data[1]!, 3), rows: 1, cols: 3 })[0]!,
        additive.evaluate({ data: Float64Array.of(x.data[0]!, x.data[1]!, -1), rows: 1, cols: 3 })[0]!,
      ],
      0,
    );
  });

  it('centered ICE starts every curve, and the PDP, at 0', () => {
    const plain = partialDependence(additive, x, 1, { grid: 6 });
    const c = partialDependence(additive, x, 1, { grid: 6, centered: true });
    const G = c.grid.length;
    expect(c.centered).toBe(true);
    for (let i = 0; i < x.rows; i++) expect(c.ice[i * G]).toBe(0);
    expect(c.average[0]).toBeCloseTo(0, 14);
    expectArraysClose(
      c.average,
      Array.from(plain.average, (v) => v - plain.average[0]!),
      1e-13,
    );
  });

  it('calls evaluate once, with rows × grid rows', () => {
    const sizes: number[] = [];
    const f = { ...additive, evaluate: (m: Matrix) => (sizes.push(m.rows), additive.evaluate(m)) };
    partialDependence(f, x, 0, { grid: 9 });
    expect(sizes).toEqual([30 * 9]);
  });

  it('leaves no tensor behind on an MLP, error path included', () => {
    const model = smallMlp(3, [5], 2, 4);
    const f = explainedOutput(fromLayersModel(model));
    partialDependence(f, x, 1);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) partialDependence(f, x, k, { centered: true });
    expect(() => partialDependence(f, x, 3)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  const fn = 'partialDependence';
  it.each<[string, number, PartialDependenceOptions, string]>([
    ['feature 3', 3, {}, MESSAGES.unknownFeature(fn, 3, 3)],
    ['feature -1', -1, {}, MESSAGES.unknownFeature(fn, -1, 3)],
    ['feature 0.5', 0.5, {}, MESSAGES.unknownFeature(fn, 0.5, 3)],
    ['grid 1', 0, { grid: 1 }, MESSAGES.gridSize(fn, 1)],
    ['grid 2.5', 0, { grid: 2.5 }, MESSAGES.gridSize(fn, 2.5)],
    [
      'gridKind log',
      0,
      { gridKind: 'log' as 'uniform' },
      MESSAGES.unknownName(fn, 'options.gridKind', 'log', ['quantiles', 'uniform']),
    ],
    ['centered 1', 0, { centered: 1 as unknown as boolean }, MESSAGES.notBoolean(fn, 'options.centered', 1)],
    ['empty values', 0, { values: [] }, MESSAGES.gridValues(fn)],
    ['a NaN value', 0, { values: [1, NaN] }, MESSAGES.gridValues(fn)],
  ])('refuses %s', (_, feature, options, message) => {
    expect(() => partialDependence(additive, x, feature, options)).toThrow(message);
  });

  it('refuses x of the wrong width', () => {
    expect(() => partialDependence(additive, randomMatrix(2, 4, 1), 0)).toThrow(
      MESSAGES.matrixShape(fn, 'x', '4 columns', 3),
    );
  });
});
