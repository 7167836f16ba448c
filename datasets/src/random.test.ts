import { describe, expect, it } from 'vitest';
import { createRandom, shuffleInPlace } from './random.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).uniform);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('gives uniforms in [0, 1) with mean 1/2 and normals with mean 0, variance 1', () => {
    const r = createRandom(1);
    const n = 20_000;
    const u = Array.from({ length: n }, r.uniform);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    // Within 4 standard errors of 1/2 (SE = sqrt(1/12 / n) ≈ 0.002 for n = 20,000).
    expect(Math.abs(u.reduce((a, b) => a + b) / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const z = Array.from({ length: n }, r.normal);
    const mean = z.reduce((a, b) => a + b) / n;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03); // 4 standard errors
    // Var of the sample variance of N(0, 1) is 2/n: within 4 standard errors of 1 (≈ ±0.04 for n = 20,000).
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('int(n) covers 0..n-1 only', () => {
    const r = createRandom(2);
    const seen = new Set(Array.from({ length: 1000 }, () => r.int(5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('shuffleInPlace permutes deterministically', () => {
    const a = shuffleInPlace([...Array(50).keys()], createRandom(3));
    const b = shuffleInPlace([...Array(50).keys()], createRandom(3));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect(a).not.toEqual([...Array(50).keys()]);
  });
});
