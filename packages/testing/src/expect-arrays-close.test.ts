import { describe, expect, it } from 'vitest';
import {
  expectArraysClose,
  maxScaledDifference,
  type NumericArray,
  type TensorLike,
} from './expect-arrays-close.js';

/** A stand-in for a tfjs Tensor: a shape and row-major values. */
const tensor = (shape: number[], values: number[]): TensorLike => ({
  shape,
  dataSync: () => Float32Array.from(values),
});

describe('expectArraysClose: passes', () => {
  it.each<[string, NumericArray, NumericArray, number]>([
    ['identical plain arrays', [1, 2, 3], [1, 2, 3], 0],
    ['two empty arrays', [], new Float64Array(0), 0],
    ['absolute below 1: |Δ| = 0.9e-3 at e = 0.5, tol 1e-3', [0.5009], [0.5], 1e-3],
    ['absolute at |e| < 1 even for e = 0', [1e-3], [0], 1e-3],
    ['relative above 1: |Δ| = 0.9 at e = 1000, tol 1e-3 (bound 1)', [1000.9], [1000], 1e-3],
    ['negative large values use |e|', [-1000.9], [-1000], 1e-3],
    ['typed arrays of different kinds', Float32Array.of(0.25, 0.5), Float64Array.of(0.25, 0.5), 0],
    [
      'nested arrays of one shape',
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2],
        [3, 4],
      ],
      0,
    ],
    [
      'a typed array against nested arrays of the same size (row-major)',
      Float32Array.of(1, 2, 3, 4),
      [
        [1, 2],
        [3, 4],
      ],
      0,
    ],
    [
      'a tensor against its nested values',
      tensor([2, 2], [1, 2, 3, 4]),
      [
        [1, 2],
        [3, 4],
      ],
      0,
    ],
    ['NaN where NaN is expected', [NaN, 1], [NaN, 1], 0],
    ['the same infinity', [Infinity, -Infinity], [Infinity, -Infinity], 0],
  ])('%s', (_, actual, expected, tolerance) => {
    expect(() => expectArraysClose(actual, expected, tolerance)).not.toThrow();
  });
});

describe('expectArraysClose: fails with a message naming the label, the element and both values', () => {
  it.each<[string, NumericArray, NumericArray, number, string]>([
    [
      'an empty actual against a non-empty expected',
      [],
      [1, 2],
      1,
      'expectArraysClose: case: actual has 0 elements (shape [0]), expected 2 (shape [2]).',
    ],
    [
      'a longer actual',
      Float32Array.of(1, 2, 3),
      [1, 2],
      1,
      'expectArraysClose: case: actual has 3 elements (shape [3]), expected 2 (shape [2]).',
    ],
    [
      'nested arrays of the same size, other shapes',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      1,
      'expectArraysClose: case: actual has shape [2, 3], expected [3, 2].',
    ],
    [
      'a tensor of another shape',
      tensor([3, 2], [1, 2, 3, 4, 5, 6]),
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      1,
      'expectArraysClose: case: actual has shape [3, 2], expected [2, 3].',
    ],
    [
      'absolute below 1: |Δ| = 1.1e-3 at e = 0.5, tol 1e-3',
      [0.5, 0.5011],
      [0.5, 0.5],
      1e-3,
      'expectArraysClose: case: element 1: actual 0.5011, expected 0.5; |actual − expected| = 1.10e-3 > 1.00e-3 · max(1, |expected|) = 1.00e-3. 1 of 2 elements are outside the tolerance; the largest |actual − expected| / max(1, |expected|) is 1.10e-3, at element 1.',
    ],
    [
      'relative above 1: |Δ| = 1.5 at e = 1000, tol 1e-3 (bound 1)',
      [1001.5],
      [1000],
      1e-3,
      'expectArraysClose: case: element 0: actual 1001.5, expected 1000; |actual − expected| = 1.50e+0 > 1.00e-3 · max(1, |expected|) = 1.00e+0. 1 of 1 elements are outside the tolerance; the largest |actual − expected| / max(1, |expected|) is 1.50e-3, at element 0.',
    ],
    [
      'nested: the position is named, the first bad one and the worst',
      [
        [0, 0.2],
        [0.5, 0],
      ],
      [
        [0, 0],
        [0, 0],
      ],
      0.1,
      'expectArraysClose: case: element 1 at [0, 1]: actual 0.2, expected 0; |actual − expected| = 2.00e-1 > 1.00e-1 · max(1, |expected|) = 1.00e-1. 2 of 4 elements are outside the tolerance; the largest |actual − expected| / max(1, |expected|) is 5.00e-1, at element 2.',
    ],
    [
      'NaN in actual only',
      [1, NaN],
      [1, 2],
      1,
      'expectArraysClose: case: element 1: actual NaN, expected 2 (NaN on one side only).',
    ],
    [
      'NaN in expected only (a tolerance cannot hide it)',
      [1, 2],
      [NaN, 2],
      1e9,
      'expectArraysClose: case: element 0: actual 1, expected NaN (NaN on one side only).',
    ],
    [
      'an infinity against a finite value',
      [Infinity],
      [1e300],
      1e3,
      'expectArraysClose: case: element 0: actual Infinity, expected 1e+300; infinite and not equal; 1.00e+3 · max(1, |expected|) = 1.00e+303.',
    ],
    [
      'opposite infinities',
      [-Infinity],
      [Infinity],
      0,
      'expectArraysClose: case: element 0: actual -Infinity, expected Infinity; infinite and not equal;',
    ],
    [
      'a ragged nested array',
      [[1, 2], [3]] as unknown as NumericArray,
      [1, 2, 3],
      1,
      'expectArraysClose: case: actual is ragged: the entry at [1] does not match the length 2 of its first sibling.',
    ],
    [
      'a non-number leaf',
      [1, '2'] as unknown as NumericArray,
      [1, 2],
      1,
      'expectArraysClose: case: actual at [1] is string 2, not a number or an array of numbers.',
    ],
  ])('%s', (_, actual, expected, tolerance, message) => {
    expect(() => expectArraysClose(actual, expected, tolerance, 'case')).toThrow(message);
  });

  it.each([NaN, Infinity, -1e-9])('tolerance %d is refused: no call accepts every outcome', (tolerance) => {
    expect(() => expectArraysClose([1], [1], tolerance, 'case')).toThrow(
      `expectArraysClose: case: tolerance must be a finite number >= 0, got ${tolerance}.`,
    );
  });

  it('without a label the message starts with the function name only', () => {
    expect(() => expectArraysClose([2], [1], 0)).toThrow(
      /^expectArraysClose: element 0: actual 2, expected 1;/,
    );
  });

  it('the bound is inclusive: |Δ| exactly tolerance · max(1, |e|) passes, the next float above fails', () => {
    // 0.25 and 0.5 are exact in binary, so |0.75 − 0.5| is exactly the bound 0.25 · 1.
    expect(() => expectArraysClose([0.75], [0.5], 0.25)).not.toThrow();
    expect(() => expectArraysClose([0.75 + 2 ** -52], [0.5], 0.25)).toThrow('element 0');
  });
});

describe('maxScaledDifference', () => {
  it('is the largest |a − e| / max(1, |e|), with the same size and NaN checks', () => {
    // |Δ| / max(1, |e|): 0.1 / 1, 3 / 100, 0 (NaN = NaN): the largest is 0.1.
    expect(maxScaledDifference([0.1, 103, NaN], [0, 100, NaN])).toBe(0.1);
    expect(maxScaledDifference([], [])).toBe(0);
    expect(() => maxScaledDifference([], [1])).toThrow(
      'maxScaledDifference: actual has 0 elements (shape [0]), expected 1 (shape [1]).',
    );
    expect(() => maxScaledDifference([NaN], [1])).toThrow(
      'maxScaledDifference: element 0: actual NaN, expected 1',
    );
  });
});
