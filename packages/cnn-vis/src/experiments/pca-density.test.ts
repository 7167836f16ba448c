/** fitPcaDensity / pcaLogDensity against the test's own PCA (Gram matrix + Jacobi) and Gaussian (Cholesky); the band. */
import { loadMnist } from '@openbox/datasets';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitPcaDensity, pcaLogDensity, type PcaDensity } from './pca-density.js';
import { tridiagonalEigen } from './tridiagonal-eigen.js';
import { bandQuantile, percentileInBand, typicalityBand } from './typicality-band.js';

const D = 784;
const ROWS = 120;
const K = 10;

/** Cyclic Jacobi on a symmetric `[m, m]` matrix (a copy): eigenvalues descending, eigenvectors as columns. */
function jacobi(matrix: Float64Array, m: number): { values: number[]; vectors: number[][] } {
  const a = Float64Array.from(matrix);
  const v = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j): number => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q]! ** 2;
    if (off < 1e-26) break;
    for (let p = 0; p < m; p++)
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (apq === 0) continue;
        const theta = (a[q * m + q]! - a[p * m + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const [rp, rq] = [a[r * m + p]!, a[r * m + q]!];
          a[r * m + p] = c * rp - s * rq;
          a[r * m + q] = s * rp + c * rq;
        }
        for (let r = 0; r < m; r++) {
          const [pr, qr] = [a[p * m + r]!, a[q * m + r]!];
          a[p * m + r] = c * pr - s * qr;
          a[q * m + r] = s * pr + c * qr;
        }
        for (let r = 0; r < m; r++) {
          const [vp, vq] = [v[r]![p]!, v[r]![q]!];
          v[r]![p] = c * vp - s * vq;
          v[r]![q] = s * vp + c * vq;
        }
      }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[y * m + y]! - a[x * m + x]!);
  return { values: order.map((i) => a[i * m + i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

/**
 * This file's PPCA: mean, the Gram matrix G = X Xᵀ/n of the centred rows (its non-zero eigenvalues are C's), Jacobi,
 * v_i = Xᵀu_i/√(nλ_i); then Σ = σ²I + Σ (λ_i − σ²) v_i v_iᵀ, its Cholesky factor and log-determinant.
 */
function ownDensity(images: Float32Array, n: number, k: number) {
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let p = 0; p < D; p++) mean[p] = mean[p]! + images[i * D + p]! / n;
  const x = Array.from({ length: n }, (_, i) =>
    Array.from({ length: D }, (_, p) => images[i * D + p]! - mean[p]!),
  );
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) g[i * n + j] = x[i]!.reduce((s, xi, p) => s + xi * x[j]![p]!, 0) / n;
  const { values, vectors } = jacobi(g, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += g[i * n + i]!;
  const lambdas = values.slice(0, k);
  const sigma2 = (trace - lambdas.reduce((s, l) => s + l, 0)) / (D - k);
  const dirs = lambdas.map((l, i) => {
    const u = vectors[i]!;
    return Array.from(
      { length: D },
      (_, p) => x.reduce((s, row, r) => s + row[p]! * u[r]!, 0) / Math.sqrt(n * l),
    );
  });
  const sigma = new Float64Array(D * D);
  for (let p = 0; p < D; p++) sigma[p * D + p] = sigma2;
  dirs.forEach((v, i) => {
    const w = lambdas[i]! - sigma2;
    for (let p = 0; p < D; p++)
      for (let q = 0; q < D; q++) sigma[p * D + q] = sigma[p * D + q]! + w * v[p]! * v[q]!;
  });
  // Cholesky Σ = L Lᵀ (lower, row-major, in place).
  for (let j = 0; j < D; j++) {
    let s = sigma[j * D + j]!;
    for (let c = 0; c < j; c++) s -= sigma[j * D + c]! ** 2;
    const ljj = Math.sqrt(s);
    sigma[j * D + j] = ljj;
    for (let i = j + 1; i < D; i++) {
      let t = sigma[i * D + j]!;
      for (let c = 0; c < j; c++) t -= sigma[i * D + c]! * sigma[j * D + c]!;
      sigma[i * D + j] = t / ljj;
    }
  }
  let logDet = 0;
  for (let j = 0; j < D; j++) logDet += 2 * Math.log(sigma[j * D + j]!);
  const logDensity = (image: ArrayLike<number>) => {
    const y = new Float64Array(D);
    let maha = 0;
    for (let i = 0; i < D; i++) {
      let t = image[i]! - mean[i]!;
      for (let c = 0; c < i; c++) t -= sigma[i * D + c]! * y[c]!;
      y[i] = t / sigma[i * D + i]!;
      maha += y[i]! ** 2;
    }
    return -0.5 * (maha + logDet + D * Math.log(2 * Math.PI));
  };
  return { lambdas, sigma2, trace, logDensity };
}

describe('fitPcaDensity and pcaLogDensity', () => {
  let train: Float32Array;
  let test: Float32Array;
  let density: PcaDensity;
  let own: ReturnType<typeof ownDensity>;
  let probes: Float32Array[];
  beforeAll(() => {
    const mnist = loadMnist({ seed: 0 });
    train = mnist.train.features;
    test = mnist.test.features;
    density = fitPcaDensity(train, ROWS, D, { components: K });
    own = ownDensity(train.subarray(0, ROWS * D), ROWS, K);
    const rng = createRng(3);
    probes = [
      ...[0, 1, 2, 3, 4].map((i) => test.subarray(i * D, (i + 1) * D)),
      new Float32Array(D).fill(0.5),
      Float32Array.from({ length: D }, () => rng.next()),
      train.subarray(0, D),
    ];
  }, 120_000);

  it("matches this file's Gram-matrix PCA and Cholesky Gaussian on 120 training digits (k = 10)", () => {
    // Two algorithms (Lanczos + QL vs Gram matrix + Jacobi) and two evaluations (closed form vs Cholesky of the
    // 784×784 Σ). Measured: log-densities agree to 9.7e-11 nats (grey, −1,292, and noise, −2,213, the largest);
    // tolerance 1e-9, 10× that. Eigenvalues, σ² and the trace: relative 1e-12 (float64 round-off is ~1e-15).
    expect([density.rows, density.components, density.steps]).toEqual([ROWS, K, 40]);
    expect(density.relativeResidual).toBeLessThan(1e-10);
    density.variances.forEach((l, i) =>
      expect(Math.abs(l - own.lambdas[i]!) / own.lambdas[0]!).toBeLessThan(1e-12),
    );
    expect(Math.abs(density.residualVariance - own.sigma2) / own.sigma2).toBeLessThan(1e-12);
    expect(Math.abs(density.totalVariance - own.trace) / own.trace).toBeLessThan(1e-12);
    const got = pcaLogDensity(
      density,
      Float32Array.from(probes.flatMap((p) => Array.from(p))),
      probes.length,
    );
    probes.forEach((p, i) => {
      const expected = own.logDensity(p);
      expect(Math.abs(got[i]! - expected), `probe ${i}`).toBeLessThan(1e-9);
    });
  });
});

describe('fitPcaDensity refusals', () => {
  it.each([
    [
      { components: 0 },
      100,
      'fitPcaDensity: components must be an integer in [1, 783] (below the 784 pixels), got 0.',
    ],
    [
      { components: 784 },
      100,
      'fitPcaDensity: components must be an integer in [1, 783] (below the 784 pixels), got 784.',
    ],
    [
      { components: 2.5 },
      100,
      'fitPcaDensity: components must be an integer in [1, 783] (below the 784 pixels), got 2.5.',
    ],
    [
      { components: 10 },
      11,
      'fitPcaDensity: needs more rows than components + 1, got 11 rows for 10 components.',
    ],
  ])('refuses %j on %d rows', (options, rows, message) => {
    expect(() => fitPcaDensity(new Float32Array(rows * D), rows, D, options)).toThrow(message);
  });
  it('refuses images that vary in k directions or fewer (σ² would be 0)', () => {
    // 20 images along 2 directions: rank 2 ≤ k = 3.
    const images = new Float32Array(20 * D);
    for (let i = 0; i < 20; i++) ((images[i * D] = i), (images[i * D + 1] = (i * i) % 7));
    expect(() => fitPcaDensity(images, 20, D, { components: 3 })).toThrow(
      'fitPcaDensity: the images vary in at most 3 directions (no residual variance left); use fewer components.',
    );
  });
});

describe('tridiagonalEigen', () => {
  it('gives 2 − 2cos(jπ/(m+1)) and sin eigenvectors for the second-difference matrix [−1 2 −1]', () => {
    const m = 12;
    const { values, vectors } = tridiagonalEigen(new Float64Array(m).fill(2), new Float64Array(m).fill(-1));
    const sorted = [...values].sort((a, b) => a - b);
    sorted.forEach((v, j) =>
      expect(Math.abs(v - (2 - 2 * Math.cos(((j + 1) * Math.PI) / (m + 1))))).toBeLessThan(1e-13),
    );
    // Each column is a unit eigenvector: ‖Tz − λz‖ ≈ 0.
    for (let c = 0; c < m; c++) {
      let res = 0;
      let norm = 0;
      for (let r = 0; r < m; r++) {
        const z = (i: number) => (i < 0 || i >= m ? 0 : vectors[i * m + c]!);
        res += (2 * z(r) - z(r - 1) - z(r + 1) - values[c]! * z(r)) ** 2;
        norm += z(r) ** 2;
      }
      expect(Math.sqrt(res)).toBeLessThan(1e-13);
      expect(Math.abs(norm - 1)).toBeLessThan(1e-13);
    }
  });
});

describe('typicalityBand, percentileInBand, bandQuantile', () => {
  const band = { count: 5, sorted: Float64Array.of(-3, -1, 0, 2, 10) };
  it.each([
    [-4, 0],
    [-3, 0],
    [-2, 20],
    [0.5, 60],
    [10, 80],
    [11, 100],
  ])('log-density %d lies above %d%% of the band', (value, percent) => {
    expect(percentileInBand(band, value)).toBe(percent);
  });
  it('interpolates quantiles between order statistics (type 7)', () => {
    expect([
      bandQuantile(band, 0),
      bandQuantile(band, 0.5),
      bandQuantile(band, 1),
      bandQuantile(band, 0.1),
    ]).toEqual([-3, 0, 10, -2.2]);
  });
});
