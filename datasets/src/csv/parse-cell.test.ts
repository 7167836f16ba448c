import { describe, expect, it } from 'vitest';
import { FLOAT32_MIN_NORMAL, parseCell, type CellProblem } from './parse-cell.js';

describe('parseCell', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['-0.0e5', -0],
    [' 2.5 ', 2.5],
    ['+6', 6],
    ['.5', 0.5],
    ['5.', 5],
    ['-3e2', -300],
    ['2E-3', 0.002],
    ['3.4028234e38', 3.4028234e38], // the float32 maximum, 3.4028234663852886e38, rounds to itself
    ['1.1754944e-38', 1.1754944e-38], // just above 2^-126
    ['1e-30', 1e-30],
  ])('%j is the number %d', (raw, value) => {
    expect(parseCell(raw)).toBe(value);
  });

  it.each<[string, CellProblem]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'non-numeric'],
    ['1,5', 'non-numeric'],
    ['0x1F', 'non-numeric'],
    ['1_000', 'non-numeric'],
    ['1e', 'non-numeric'],
    ['e5', 'non-numeric'],
    ['--1', 'non-numeric'],
    ['NaN', 'non-finite'],
    ['-Infinity', 'non-finite'],
    ['inf', 'non-finite'],
    ['1e39', 'float32-overflow'],
    ['-3.5e38', 'float32-overflow'],
    ['1e400', 'float32-overflow'], // not even a finite float64
    ['1e-40', 'float32-underflow'], // a subnormal float32: 1.0000002e-40 keeps only ~17 bits
    ['-1.1754942e-38', 'float32-underflow'],
    ['1e-300', 'float32-underflow'], // float32 would store 0
    ['1e-400', 'float32-underflow'], // even float64 gives 0, but the text is not zero
    ['0.0000000000000000000000000000000000000000001', 'float32-underflow'],
  ])('%j is %s', (raw, problem) => {
    expect(parseCell(raw)).toBe(problem);
  });

  it('the underflow bound is 2^-126, the smallest normal float32', () => {
    expect(FLOAT32_MIN_NORMAL).toBe(1.1754943508222875e-38);
    expect(parseCell(String(FLOAT32_MIN_NORMAL))).toBe(FLOAT32_MIN_NORMAL);
    expect(parseCell(String(FLOAT32_MIN_NORMAL * (1 - 2 ** -20)))).toBe('float32-underflow');
  });
});
