import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { sparseRows } from '../linalg/sparse-rows.js';
import { centredProducts } from './multinomial-centred.js';
import { multinomialProducts } from './multinomial-products.js';

describe('centredProducts', () => {
  // n = 30, d = 5, K = 3, half the entries 0; naive dense loops over x − μ written here.
  let s = 17;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
  const [n, d, K] = [30, 5, 3];
  const x = Float64Array.from({ length: n * d }, () => (u() < 0.5 ? 0 : u()));
  const mu = Array.from({ length: d }, (_, j) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]!;
    return m / n;
  });
  const xc = (i: number, a: number) => (a === 0 ? 1 : x[i * d + a - 1]! - mu[a - 1]!);
  const rows = sparseRows(x, n, d);
  const { mean, products, originalNorm } = centredProducts(rows, multinomialProducts(rows, K, 1), K);

  it('the mean is the column means', () => {
    expectArraysClose(mean, mu, 1e-15, 'μ');
  });

  it('times and transposeTimes equal the products with the dense centred design', () => {
    const v = Float64Array.from({ length: (d + 1) * K }, () => u() - 0.5);
    const g = Float64Array.from({ length: n * K }, () => u() - 0.5);
    const want1: number[] = [];
    for (let i = 0; i < n; i++)
      for (let k = 0; k < K; k++) {
        let t = 0;
        for (let a = 0; a <= d; a++) t += xc(i, a) * v[a * K + k]!;
        want1.push(t);
      }
    const want2: number[] = [];
    for (let a = 0; a <= d; a++)
      for (let k = 0; k < K; k++) {
        let t = 0;
        for (let i = 0; i < n; i++) t += xc(i, a) * g[i * K + k]!;
        want2.push(t);
      }
    // Rank-one corrections instead of explicit centring: another rounding order; bound 1e-13 relative.
    expectArraysClose(products.times(v, new Float64Array(n * K)), want1, 1e-13, '(X − 1μᵀ)·V');
    expectArraysClose(products.transposeTimes(g), want2, 1e-13, '(X − 1μᵀ)ᵀ·G');
  });

  it('originalNorm maps a centred gradient back: ∇_w = ∇′_w + μ∇′_b', () => {
    const g = Float64Array.from({ length: (d + 1) * K }, () => u() - 0.5);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += g[k]! ** 2;
    for (let j = 0; j < d; j++)
      for (let k = 0; k < K; k++) sum += (g[(1 + j) * K + k]! + mu[j]! * g[k]!) ** 2;
    expect(originalNorm(g)).toBeCloseTo(Math.sqrt(sum), 14);
  });
});
