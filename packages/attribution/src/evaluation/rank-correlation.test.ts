import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues, setupBackend } from '../test-models.js';
import { averageRanks, rankCorrelation } from './rank-correlation.js';

beforeAll(setupBackend);

/** Average ranks in float64 by counting (the O(d²) definition). */
function ranks64(v: ArrayLike<number>): Float64Array {
  const a = Array.from(v);
  return Float64Array.from(a, (x) => {
    const below = a.filter((y) => y < x).length;
    const equal = a.filter((y) => y === x).length;
    return below + (equal + 1) / 2;
  });
}

function pearson64(a: Float64Array, b: Float64Array): number {
  const m = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [m(a), m(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('rankCorrelation', () => {
  it('averages the ranks of ties', () => {
    const r = averageRanks(tf.tensor2d([[3, 1, 3, 2, 3]]));
    expectArraysClose(r, [4, 1, 4, 2, 4], 0);
    r.dispose();
  });

  it('is 1 for a monotone transform, −1 for the reverse, and the tie formula on a hand case', () => {
    const a = tf.tensor2d([
      [0.1, 0.5, 0.2, 0.9],
      [1, 2, 3, 4],
      [1, 2, 2, 3],
    ]);
    const b = tf.tensor2d([
      [1, 125, 8, 729],
      [4, 3, 2, 1],
      [1, 2, 3, 4],
    ]);
    const rho = rankCorrelation(a, b);
    // Row 3: ranks [1, 2.5, 2.5, 4] vs [1, 2, 3, 4]: Σ centred products 4.5, Σ squares 4.5 and 5.
    expectArraysClose(rho, [1, -1, 4.5 / Math.sqrt(4.5 * 5)], 1e-6);
    [a, b, rho].forEach((t) => t.dispose());
  });

  it('matches a float64 Pearson of counted ranks on random 8×8×2 maps with ties', () => {
    const n = 3;
    const d = 128;
    // Quantized values make many ties.
    const va = randomValues(n * d, 1).map((v) => Math.round(v * 8) / 8);
    const vb = randomValues(n * d, 2).map((v, i) => Math.round((v + va[i]!) * 4) / 4);
    const a = tf.tensor4d(va, [n, 8, 8, 2]);
    const b = tf.tensor4d(vb, [n, 8, 8, 2]);
    const rho = rankCorrelation(a, b);
    const expected = Array.from({ length: n }, (_, i) =>
      pearson64(ranks64(va.subarray(i * d, (i + 1) * d)), ranks64(vb.subarray(i * d, (i + 1) * d))),
    );
    // Ranks are exact in float32; the sums of 128 squared centred ranks (≈ 1.8e5) round at ≈ 1e-7 relative (measured 2e-8).
    expectArraysClose(rho, expected, 1e-6);
    expect(Math.min(...expected)).toBeGreaterThan(0.2);
    [a, b, rho].forEach((t) => t.dispose());
  });

  it('is NaN for a constant map, rejects mismatched shapes, and leaks nothing', () => {
    const a = tf.tensor2d([[1, 1, 1]]);
    const b = tf.tensor2d([[1, 2, 3]]);
    const c = tf.tensor2d([[1, 2]]);
    const before = tf.memory().numTensors;
    const rho = rankCorrelation(a, b);
    expect(Number.isNaN(rho.dataSync()[0])).toBe(true);
    rho.dispose();
    expect(() => rankCorrelation(a, c)).toThrow(
      'rankCorrelation: the second maps have shape [1, 2]; they must have shape [1, 3].',
    );
    expect(tf.memory().numTensors).toBe(before);
    [a, b, c].forEach((t) => t.dispose());
  });
});
