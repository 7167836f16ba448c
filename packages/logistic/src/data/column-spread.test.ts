import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { columnSpread } from './column-spread.js';

const design = (x: number[], d: number) => ({
  n: x.length / d,
  d,
  x: Float64Array.from(x),
  names: Array.from({ length: d }, (_, j) => `c${j}`),
});

describe('columnSpread', () => {
  it('mean and population std per column (closed forms)', () => {
    const { mean, std } = columnSpread(design([1, 10, 2, 20, 3, 30, 4, 40], 2));
    expect(Array.from(mean)).toEqual([2.5, 25]);
    // Measured: equal to the last bit; bound 2 ulps (relative 4.4e-16).
    expectArraysClose(std, [Math.sqrt(1.25), 10 * Math.sqrt(1.25)], 4.4e-16, 'std');
  });

  it.each([
    ['±1e308 (plain Σx² overflows)', 1e308],
    ['±1e-300 (plain Σx² underflows)', 1e-300],
  ])('%s: std = the scale, no overflow or underflow', (_, s) => {
    const { mean, std } = columnSpread(design([s, -s, s, -s], 1));
    expect(mean[0]).toBe(0);
    expect(Math.abs(std[0]! / s - 1)).toBeLessThanOrEqual(4.4e-16); // measured 0; bound 2 ulps
  });

  it('a constant column has std exactly 0 (also for awkward values), a zero column too', () => {
    const { mean, std } = columnSpread(design([0.1, 0, 0.1, 0, 0.1, 0], 2));
    expect(Array.from(std)).toEqual([0, 0]);
    expect(mean[0]).toBe(0.1);
  });
});
