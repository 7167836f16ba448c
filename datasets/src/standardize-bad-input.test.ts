import { describe, expect, it } from 'vitest';
import type { DatasetErrorCode } from './dataset-error.js';
import { caught } from './test-caught.js';
import { applyStandardization, standardize, type StandardizationParams } from './standardize.js';

const f32 = (n: number) => new Float32Array(n).map((_, i) => i);
const f64 = (n: number) => new Float64Array(n).fill(1);
/** Parameters for 2 columns, as `standardize` of a [n, 2] table returns them. */
const PARAMS_2: StandardizationParams = { mean: f64(2), std: f64(2) };
const bad = (value: unknown) => value as never;

describe('standardize and applyStandardization: bad input', () => {
  it.each<[string, () => unknown, DatasetErrorCode, string]>([
    [
      'zero rows',
      () => standardize(f32(0), [0, 3]),
      'invalid-argument',
      'standardize: shape[0] must be ≥ 1 row, got 0',
    ],
    [
      'features not a Float32Array',
      () => standardize(bad(new Float64Array([1, 2])), [1, 2]),
      'invalid-argument',
      'standardize: features must be a Float32Array, got 1,2',
    ],
    [
      'features a plain array',
      () => applyStandardization(bad([1, 2]), [1, 2], PARAMS_2),
      'invalid-argument',
      'applyStandardization: features must be a Float32Array, got 1,2',
    ],
    [
      'shape not an array (a typed array)',
      () => standardize(f32(2), bad(Int32Array.of(2, 1))),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "{"0":2,"1":1}"',
    ],
    [
      'shape an array-like object',
      () => standardize(f32(2), bad({ 0: 2, 1: 1, length: 2 })),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "{"0":2,"1":1,"length":2}"',
    ],
    [
      'shape of length 1',
      () => standardize(f32(4), [4]),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "[4]"',
    ],
    [
      'shape with negative entries (their product matches the data)',
      () => standardize(f32(4), [-2, -2]),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "[-2,-2]"',
    ],
    [
      'shape with one negative entry',
      () => standardize(f32(2), [2, -1]),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "[2,-1]"',
    ],
    [
      'shape with a non-integer entry (the product matches the data)',
      () => standardize(f32(3), [1.5, 2]),
      'invalid-argument',
      'standardize: shape must be non-negative integers [n, d, ...], got "[1.5,2]"',
    ],
    [
      'shape for applyStandardization',
      () => applyStandardization(f32(2), [2], PARAMS_2),
      'invalid-argument',
      'applyStandardization: shape must be non-negative integers [n, d, ...], got "[2]"',
    ],
    [
      'shape that does not match the data (applyStandardization)',
      () => applyStandardization(f32(5), [2, 2], PARAMS_2),
      'shape-mismatch',
      'applyStandardization: shape [2, 2] holds 4 values but features has 5',
    ],
    [
      'shape that does not match the data (standardize)',
      () => standardize(f32(5), [2, 2]),
      'shape-mismatch',
      'standardize: shape [2, 2] holds 4 values but features has 5',
    ],
    [
      'more means than columns',
      () => applyStandardization(f32(4), [2, 2], { mean: f64(3), std: f64(2) }),
      'shape-mismatch',
      'applyStandardization: params have 3 means and 2 stds, but the data has 2 columns (shape [2, 2])',
    ],
    [
      'fewer stds than columns',
      () => applyStandardization(f32(4), [2, 2], { mean: f64(2), std: f64(1) }),
      'shape-mismatch',
      'applyStandardization: params have 2 means and 1 stds, but the data has 2 columns (shape [2, 2])',
    ],
    [
      'params for image dims flattened differently',
      () => applyStandardization(f32(12), [2, 3, 2], { mean: f64(3), std: f64(3) }),
      'shape-mismatch',
      'applyStandardization: params have 3 means and 3 stds, but the data has 6 columns (shape [2, 3, 2])',
    ],
    [
      'no params',
      () => applyStandardization(f32(4), [2, 2], bad(undefined)),
      'shape-mismatch',
      'applyStandardization: params have no means and no stds, but the data has 2 columns (shape [2, 2])',
    ],
    [
      'params without a mean',
      () => applyStandardization(f32(4), [2, 2], bad({ std: f64(2) })),
      'shape-mismatch',
      'applyStandardization: params have no means and 2 stds, but the data has 2 columns (shape [2, 2])',
    ],
    [
      'params without a std',
      () => applyStandardization(f32(4), [2, 2], bad({ mean: f64(2) })),
      'shape-mismatch',
      'applyStandardization: params have 2 means and no stds, but the data has 2 columns (shape [2, 2])',
    ],
    [
      'empty params',
      () => applyStandardization(f32(4), [2, 2], bad({})),
      'shape-mismatch',
      'applyStandardization: params have no means and no stds, but the data has 2 columns (shape [2, 2])',
    ],
  ])('%s', (_, call, code, message) => {
    const error = caught(call);
    expect(error).toMatchObject({ code, message });
  });

  it('accepts a shape with a zero column count (no columns to scale) and zero-size image dims', () => {
    const { features, params } = standardize(f32(0), [3, 0]);
    expect([features.length, params.mean.length, params.std.length]).toEqual([0, 0, 0]);
    expect(applyStandardization(f32(0), [2, 4, 0], { mean: f64(0), std: f64(0) })).toHaveLength(0);
  });
});
