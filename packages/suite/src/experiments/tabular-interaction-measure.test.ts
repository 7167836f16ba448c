/** The interaction measures on closed forms: a pure product is all interaction, an affine function none, with constant slopes. */
import { describe, expect, it } from 'vitest';
import { measureInteractions, slopeSpread, SLOPE_MIN_OFFSET } from './tabular-interaction-measure.js';
import type { ExplainedFunction, Matrix } from '@openbox/tabular';

/** A per-row formula as an ExplainedFunction (no tensors). */
const js = (d: number, formula: (r: Float64Array) => number): ExplainedFunction => ({
  features: d,
  label: 'f',
  evaluate: (x) =>
    Float64Array.from({ length: x.rows }, (_, r) => formula(x.data.subarray(r * d, (r + 1) * d))),
});
const matrix = (rows: number[][]): Matrix => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0]!.length,
});
/** Background with zero means and E[b1 b2] = 0 (a 2² design, x3 at ±1 too). */
const background = matrix([
  [1, 1, 1],
  [-1, -1, -1],
  [1, -1, 1],
  [-1, 1, -1],
]);
const x = matrix([
  [0.5, 2, 0.3],
  [-1.5, 0.7, -2],
  [2, -1, 1],
]);

describe('measureInteractions', () => {
  it('f = x1·x2: v({1}) = v({2}) = v(∅) = 0, so Φ_12 = Φ_21 = x1x2/2, the diagonal is 0 and every |Φ| is on the pair', () => {
    const m = measureInteractions(
      js(3, (r) => r[0]! * r[1]!),
      x,
      background,
    );
    // Exact in float64: sums of a few products of small numbers.
    expect(m.pairShare).toBeCloseTo(1, 12);
    expect(m.offDiagonalShare).toBeCloseTo(1, 12);
    expect(m.topPair).toEqual([0, 1]);
    // φ_1 = φ_2 = x1x2/2 on every row.
    [0.5, 0.5, 0].forEach((v, j) => expect(m.shapley[j]).toBeCloseTo(v, 12));
  });

  it('f = 2x1 − x2 + 0.5x3: no |Φ| off the diagonal, slopes constant (spread 0), mean slopes the weights', () => {
    const m = measureInteractions(
      js(3, (r) => 2 * r[0]! - r[1]! + 0.5 * r[2]!),
      x,
      background,
    );
    // Zero up to float64 rounding of v(S∪ij) − v(S∪i) − v(S∪j) + v(S) (measured 1.2e-17).
    expect(m.offDiagonalShare).toBeLessThan(1e-15);
    expect(m.pairShare).toBeLessThan(1e-15);
    for (const s of m.slopeSpread) expect(s).toBeLessThan(1e-15);
    [2, -1, 0.5].forEach((w, j) => expect(m.meanSlope[j]).toBeCloseTo(w, 12));
  });

  it('pairShare names the pair asked for: f = x2·x3 puts everything on (x2, x3), nothing on (x1, x2)', () => {
    const f = js(3, (r) => r[1]! * r[2]!);
    expect(measureInteractions(f, x, background).pairShare).toBeLessThan(1e-15);
    expect(measureInteractions(f, x, background, [1, 2]).pairShare).toBeCloseTo(1, 12);
    expect(measureInteractions(f, x, background).topPair).toEqual([1, 2]);
  });
});

describe('slopeSpread', () => {
  it('is SD / mean |slope| over rows whose offset clears the bound; rows nearer the mean are left out', () => {
    // One feature, mean 0: slopes 1, 3 (and a row at offset 0.01 < bound, slope 100, left out).
    const xs = matrix([[1], [2], [SLOPE_MIN_OFFSET / 5]]);
    const phi = Float64Array.of(1, 6, 1);
    const { spread, mean } = slopeSpread(phi, xs, Float64Array.of(0));
    expect(mean[0]).toBe(2);
    expect(spread[0]).toBe(1 / 2); // SD of {1, 3} = 1, mean |s| = 2
  });
});
