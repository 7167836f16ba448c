import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { applyStandardization, standardize } from './standardize.js';

describe('standardize', () => {
  it('matches a hand computation with the population std (divide by n)', () => {
    // Column 0: 1, 2, 3, 6 → mean 3, squared deviations 4, 1, 0, 9 → var 14/4 = 3.5, std √3.5.
    // Column 1: 10, 10, 20, 20 → mean 15, std 5.
    const x = new Float32Array([1, 10, 2, 10, 3, 20, 6, 20]);
    const { features, params } = standardize(x, [4, 2]);
    // Every step is exact in float64 (sums of small integers, 14/4, a correctly rounded √), so equality holds.
    expect(Array.from(params.mean)).toEqual([3, 15]);
    expect(Array.from(params.std)).toEqual([Math.sqrt(3.5), 5]);
    const s = Math.sqrt(3.5);
    const expected = [-2 / s, -1, -1 / s, -1, 0, 1, 3 / s, 1];
    expect(features).toHaveLength(8);
    // Float32 output: each value is the exact z rounded to float32, |Δ| ≤ 2⁻²⁴·|z| (half an ulp).
    Array.from(features).forEach((v, i) =>
      expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(2 ** -24 * Math.abs(expected[i]!)),
    );
    expect(Array.from(x)).toEqual([1, 10, 2, 10, 3, 20, 6, 20]); // input untouched
  });

  it('matches the closed-form mean and population std of arithmetic and two-valued columns, far from 0 too', () => {
    // Column 0: 1e7 + k, k = 0..n−1 (exact in float32) → mean 1e7 + (n−1)/2, std √((n²−1)/12); a one-pass
    // E[x²] − E[x]² would lose ~3e-5 of the variance to cancellation here. Column 1: k/4 − 3 → mean (n−1)/8 − 3,
    // std √((n²−1)/12)/4. Column 2: 51 × 8.5 and 50 × 5.5 → mean (51·8.5 + 50·5.5)/101, std 3·√(51·50)/101.
    const n = 101;
    const x = new Float32Array(n * 3);
    for (let k = 0; k < n; k++) x.set([1e7 + k, k / 4 - 3, k % 2 === 0 ? 8.5 : 5.5], k * 3);
    const { features, params } = standardize(x, [n, 3]);
    const spread = Math.sqrt((n * n - 1) / 12);
    const mean = [1e7 + (n - 1) / 2, (n - 1) / 8 - 3, (51 * 8.5 + 50 * 5.5) / 101];
    const std = [spread, spread / 4, (3 * Math.sqrt(51 * 50)) / 101];
    // Measured relative error of mean and std: 0 (two-pass sums in float64); tolerance 4 ulps (8.9e-16).
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(params.mean[j]! - mean[j]!)).toBeLessThanOrEqual(8.9e-16 * mean[j]!);
      expect(Math.abs(params.std[j]! - std[j]!)).toBeLessThanOrEqual(8.9e-16 * std[j]!);
    }
    // z rounded to float32: measured max relative error 4.9e-8, below the half-ulp bound 2⁻²⁴ ≈ 6.0e-8 used here.
    expect(features).toHaveLength(n * 3);
    features.forEach((v, i) => {
      const z = (x[i]! - mean[i % 3]!) / std[i % 3]!;
      expect(Math.abs(v - z), `z[${i}]`).toBeLessThanOrEqual(2 ** -24 * Math.max(Math.abs(z), 2 ** -24));
    });
  });

  it('flattens image dims into columns and only centres a constant column', () => {
    const x = new Float32Array([0, 1, 0, 3]); // shape [2, 1, 2, 1]: pixel 0 constant 0, pixel 1 is 1 then 3
    const { features, params } = standardize(x, [2, 1, 2, 1]);
    expect(Array.from(params.std)).toEqual([0, 1]);
    expect(Array.from(features)).toEqual([0, -1, 0, 1]);
  });

  it('applyStandardization reuses the training parameters on new data', () => {
    // Training column 0, 4, 0, 4: mean 2, population std 2 (sample std would be 2.31); new rows 6, 2, −1, 1e3
    // give (x − 2)/2 = 2, 0, −1.5, 499 exactly.
    const { params } = standardize(new Float32Array([0, 4, 0, 4]), [4, 1]);
    expect([params.mean[0], params.std[0]]).toEqual([2, 2]);
    const z = applyStandardization(new Float32Array([6, 2, -1, 1e3]), [4, 1], params);
    expect(Array.from(z)).toEqual([2, 0, -1.5, 499]);
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
