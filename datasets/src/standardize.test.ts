import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { applyStandardization, standardize } from './standardize.js';

describe('standardize', () => {
  it('matches a hand computation with the population std (divide by n)', () => {
    // Column 0: 1, 2, 3, 6 → mean 3, squared deviations 4, 1, 0, 9 → var 14/4 = 3.5, std √3.5.
    // Column 1: 10, 10, 20, 20 → mean 15, std 5.
    const x = new Float32Array([1, 10, 2, 10, 3, 20, 6, 20]);
    const { features, params } = standardize(x, [4, 2]);
    expect(Array.from(params.mean)).toEqual([3, 15]);
    expect(params.std[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(params.std[1]).toBe(5);
    const s = Math.sqrt(3.5);
    const expected = [-2 / s, -1, -1 / s, -1, 0, 1, 3 / s, 1];
    Array.from(features).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    expect(Array.from(x)).toEqual([1, 10, 2, 10, 3, 20, 6, 20]); // input untouched
  });

  it('leaves every column with mean 0 and population std 1', () => {
    const n = 200;
    const x = Float32Array.from(
      { length: n * 3 },
      (_, i) => Math.sin(i * 1.7) * (1 + (i % 3)) + (i % 3) * 100,
    );
    const { features } = standardize(x, [n, 3]);
    for (let j = 0; j < 3; j++) {
      const col = Array.from({ length: n }, (_, i) => features[i * 3 + j] as number);
      const mean = col.reduce((a, b) => a + b) / n;
      const std = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(std).toBeCloseTo(1, 5);
    }
  });

  it('flattens image dims into columns and only centres a constant column', () => {
    const x = new Float32Array([0, 1, 0, 3]); // shape [2, 1, 2, 1]: pixel 0 constant 0, pixel 1 is 1 then 3
    const { features, params } = standardize(x, [2, 1, 2, 1]);
    expect(Array.from(params.std)).toEqual([0, 1]);
    expect(Array.from(features)).toEqual([0, -1, 0, 1]);
  });

  it('applyStandardization reuses the training parameters on new data', () => {
    const { params } = standardize(new Float32Array([0, 2, 4]), [3, 1]);
    const z = applyStandardization(new Float32Array([2, 2 + Math.sqrt(8 / 3)]), [2, 1], params);
    expect(z[0]).toBeCloseTo(0, 6);
    expect(z[1]).toBeCloseTo(1, 6);
  });

  it('rejects a shape that does not match the data, naming the function', () => {
    expect(() => standardize(new Float32Array(5), [2, 2])).toThrow(
      /standardize: shape \[2, 2\] holds 4 values but features has 5/,
    );
    const { params } = standardize(new Float32Array([1, 2, 3, 4]), [2, 2]);
    expect(() => applyStandardization(new Float32Array(6), [2, 3], params)).toThrow(DatasetError);
    expect(() => applyStandardization(new Float32Array(6), [2, 3], params)).toThrow(
      /applyStandardization: params have 2 means and 2 stds, but the data has 3 columns/,
    );
  });
});
