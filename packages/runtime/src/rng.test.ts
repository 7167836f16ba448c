import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA);
  });

  it('is uniform on [0,1): mean 1/2, variance 1/12, chi-square over 10 bins (n = 100,000)', () => {
    const rng = createRng(1);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const chi2 = bins.reduce((acc, count) => acc + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th percentile of chi-square with 9 degrees of freedom
  });

  it('draws standard normals: mean 0, variance 1, P(|z| < 1.96) ≈ 0.95', () => {
    const rng = createRng(3);
    const n = 50_000;
    const zs = Array.from({ length: n }, () => rng.normal());
    const mean = zs.reduce((a, z) => a + z, 0) / n;
    const variance = zs.reduce((a, z) => a + (z - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(Math.abs(zs.filter((z) => Math.abs(z) < 1.96).length / n - 0.95)).toBeLessThan(0.005);
  });

  it('forks independent, reproducible streams without advancing the parent', () => {
    const parent = createRng(11);
    const forkA = parent.fork('a');
    const again = createRng(11);
    expect(parent.next()).toBe(again.next());
    expect(createRng(11).fork('a').next()).toBe(forkA.next());
    expect(createRng(11).fork('a').next()).not.toBe(createRng(11).fork('b').next());
  });

  it('shuffles into a permutation, int stays in range, tfSeed is a 31-bit integer', () => {
    const rng = createRng(5);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    for (let i = 0; i < 1000; i++) expect(rng.int(3)).toBeLessThan(3);
    const seed = rng.tfSeed();
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
  });

  it('rejects bad seeds and bounds with a clear message', () => {
    expect(() => createRng(Number.NaN)).toThrow('createRng: seed must be a finite number, got NaN.');
    expect(() => createRng(1).int(0)).toThrow('Rng.int: maxExclusive must be a positive integer, got 0.');
  });
});
