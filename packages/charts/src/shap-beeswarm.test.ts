import { describe, expect, it } from 'vitest';
import type { BeeswarmPoint, ShapBeeswarmInput } from './shap-beeswarm.js';
import { shapBeeswarm, swarmOffsets } from './shap-beeswarm.js';

type Layered = {
  layer: {
    mark: { type: string; color?: string };
    data: { values: unknown[] };
    encoding: Record<string, unknown>;
  }[];
};
const build = (input: ShapBeeswarmInput) => shapBeeswarm(input) as unknown as Layered;
const pointsOf = (spec: Layered) => spec.layer.slice(1).flatMap((l) => l.data.values as BeeswarmPoint[]);
const bandsOf = (spec: Layered) => (spec.layer[1]!.encoding['y'] as { sort: string[] }).sort;

/** 12 rows, 4 features with mean |value| 0.5 (c), 0.3 (a), 0.2 (d), 0.1 (b). */
const SCALE = [0.3, 0.1, 0.5, 0.2];
const ROWS = Array.from({ length: 12 }, (_, r) =>
  SCALE.map((s, j) => s * (r % 2 === 0 ? 1 : -1) * (j === 1 ? -1 : 1)),
);
const X = Array.from({ length: 12 }, (_, r) => [r, 100 - r, r * r, 7]);
const INPUT: ShapBeeswarmInput = {
  features: ['a', 'b', 'c', 'd'],
  values: ROWS,
  featureValues: X,
  label: 'P(Adelie)',
};

describe('shapBeeswarm', () => {
  it('orders the bands by mean |value| (a brute-force mean here), one point per row and band', () => {
    const meanAbs = INPUT.features.map(
      (_, j) => ROWS.reduce((s, row) => s + Math.abs(row[j]!), 0) / ROWS.length,
    );
    const expected = INPUT.features.map((f, j) => [f, meanAbs[j]!] as const).sort((p, q) => q[1] - p[1]);
    const spec = build(INPUT);
    expect(bandsOf(spec)).toEqual(expected.map(([f]) => f));
    expect(bandsOf(spec)).toEqual(['c', 'a', 'd', 'b']);
    expect(pointsOf(spec)).toHaveLength(12 * 4);
    const a = pointsOf(spec).filter((p) => p.band === 'a');
    expect(a.map((p) => p.value)).toEqual(ROWS.map((row) => row[0]));
    expect(a.map((p) => p.featureValue)).toEqual(X.map((row) => row[0]));
  });

  it("folds the features past maxDisplay - 1 into one grey band holding each row's sum", () => {
    const spec = build({ ...INPUT, maxDisplay: 2 });
    expect(bandsOf(spec)).toEqual(['c', 'Sum of 3 other features']);
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['rule', 'circle', 'circle']);
    expect(spec.layer[2]!.mark.color).toBe('#999');
    const folded = spec.layer[2]!.data.values as BeeswarmPoint[];
    expect(folded.map((p) => p.row)).toEqual(ROWS.map((_, r) => r));
    // a + d + b summed in another order than the reference: equal to ~1 ulp.
    folded.forEach((p, r) => expect(p.value).toBeCloseTo(ROWS[r]![0]! + ROWS[r]![1]! + ROWS[r]![3]!, 14));
    expect(folded.every((p) => p.color === null && p.featureValue === null)).toBe(true);
  });

  it('normalizes colors per feature over its [5th, 95th] percentile, clipping outliers; constant → 0.5', () => {
    const n = 101;
    const values = Array.from({ length: n }, (_, r) => [r / 100, 0.5, 0]);
    const featureValues = Array.from({ length: n }, (_, r) => [r, r === 100 ? 1e6 : r % 2, 3]);
    const points = pointsOf(build({ features: ['x', 'y', 'k'], values, featureValues, label: 'logit' }));
    const color = (band: string, row: number) => points.find((p) => p.band === band && p.row === row)!.color;
    // x = 0..100: the 5th and 95th percentiles are 5 and 95.
    expect(color('x', 50)).toBe(0.5);
    expect(color('x', 10)).toBeCloseTo(5 / 90, 15);
    expect(color('x', 2)).toBe(0);
    expect(color('x', 99)).toBe(1);
    // y is 0/1 with one outlier: [5th, 95th] = [0, 1], so the outlier is clipped to 1 and does not squash the rest.
    expect(color('y', 1)).toBe(1);
    expect(color('y', 100)).toBe(1);
    expect(color('y', 0)).toBe(0);
    expect(color('k', 3)).toBe(0.5);
    const spec = build(INPUT);
    expect(spec.layer[1]!.encoding['color']).toMatchObject({
      field: 'color',
      scale: { domain: [0, 1], range: ['#008bfb', '#ff0051'] },
    });
  });

  it('falls back to the [1st, 99th] percentile when the 5th and 95th are equal', () => {
    // 98 zeros, a 1 and a 2: p5 = p95 = 0; p1 = 0, p99 = 1 + 0.01·(2 - 1) = 1.01 (linear interpolation).
    const featureValues = [...Array.from({ length: 98 }, () => [0]), [1], [2]];
    const values = featureValues.map((_, r) => [r]);
    const points = pointsOf(build({ features: ['x'], values, featureValues, label: 'logit' }));
    expect(points[98]!.color).toBeCloseTo(1 / 1.01, 14);
    expect(points[99]!.color).toBe(1);
  });

  it('stacks equal values as SHAP does: 0, +1, -1, +2, … by row index, scaled into the band; isolated points stay at 0', () => {
    const same = swarmOffsets([5, 5, 5, 5, 5]);
    // layers 0, 1, -1, 2, -2 scaled by 0.9 / (max |layer| + 1) = 0.3
    expect(same.map((o) => o / 0.3)).toEqual([0, 1, -1, 2, -2].map((l) => expect.closeTo(l, 12)));
    expect(swarmOffsets([0, 1, 2, 3])).toEqual([0, 0, 0, 0]);
    const mixed = swarmOffsets([0, 0.001, 1, 1, 0.5]);
    expect(mixed).toEqual(swarmOffsets([0, 0.001, 1, 1, 0.5]));
    expect(mixed[0]).toBe(0);
    expect(mixed[1]).toBeGreaterThan(0); // 0 and 0.001 share a bin of width 0.01
    expect(mixed[4]).toBe(0);
    for (const o of mixed) expect(Math.abs(o)).toBeLessThan(1);
  });

  const OK = { features: ['a', 'b'], values: [[1, 2]], featureValues: [[3, 4]], label: 'logit' };
  it.each([
    ['no rows', { ...OK, values: [] }, 'shapBeeswarm: values is empty; pass at least one value.'],
    [
      'ragged values',
      {
        ...OK,
        values: [[1, 2], [3]],
        featureValues: [
          [1, 2],
          [3, 4],
        ],
      },
      'shapBeeswarm: values is ragged: row 1 has 1 values, row 0 has 2; every row must have the same length.',
    ],
    [
      'values wider than the features',
      { ...OK, values: [[1, 2, 3]] },
      'shapBeeswarm: values[0] has length 3, expected 2.',
    ],
    [
      'fewer feature-value rows',
      {
        ...OK,
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      'shapBeeswarm: featureValues has length 1, expected 2.',
    ],
    [
      'narrower feature values',
      { ...OK, featureValues: [[3]] },
      'shapBeeswarm: featureValues[0] has length 1, expected 2.',
    ],
    [
      'a NaN feature value',
      { ...OK, featureValues: [[3, NaN]] },
      'shapBeeswarm: featureValues[0][1] must be a finite number, got NaN.',
    ],
    [
      'maxDisplay 1.5',
      { ...OK, maxDisplay: 1.5 },
      'shapBeeswarm: maxDisplay must be a positive integer, got 1.5.',
    ],
  ] as const)('rejects %s', (_name, input, message) => {
    expect(() => shapBeeswarm(input as unknown as ShapBeeswarmInput)).toThrow(message);
  });
});
