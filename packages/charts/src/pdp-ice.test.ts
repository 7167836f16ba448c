import { describe, expect, it } from 'vitest';
import type { PdpIceInput } from './pdp-ice.js';
import { evenRows, pdpIce } from './pdp-ice.js';

type Point = { row?: number; x: number; y: number };
type Layered = { layer: { mark: { type: string; strokeWidth: number }; data: { values: Point[] } }[] };
const build = (input: PdpIceInput) => pdpIce(input) as unknown as Layered;

const GRID = [1, 2, 3];
const ICE = Array.from({ length: 120 }, (_, r) => GRID.map((g) => r + g * (r % 3)));
const AVERAGE = GRID.map((_, k) => ICE.reduce((s, c) => s + c[k]!, 0) / ICE.length);
const INPUT: PdpIceInput = { feature: 'x', grid: GRID, average: AVERAGE, ice: ICE, label: 'P(Adelie)' };

describe('pdpIce', () => {
  it('chooses at most maxCurves rows, evenly spread from row 0, all of them when they fit', () => {
    const rows = evenRows(120, 50);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toBe(0);
    expect(new Set(rows).size).toBe(50);
    for (let i = 1; i < rows.length; i++) expect([2, 3]).toContain(rows[i]! - rows[i - 1]!);
    expect(evenRows(10, 50)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(evenRows(7, 3)).toEqual([0, 2, 4]);
  });

  it('draws the chosen ICE curves thin under the thick PD line, with their values', () => {
    const spec = build({ ...INPUT, maxCurves: 4 });
    expect(spec.layer.map((l) => l.mark.strokeWidth)).toEqual([0.7, 3]);
    const curves = spec.layer[0]!.data.values;
    expect([...new Set(curves.map((p) => p.row))]).toEqual([0, 30, 60, 90]);
    expect(curves.filter((p) => p.row === 30).map((p) => p.y)).toEqual(ICE[30]);
    expect(spec.layer[1]!.data.values).toEqual(GRID.map((x, k) => ({ x, y: AVERAGE[k] })));
    expect(build(INPUT).layer[0]!.data.values).toHaveLength(50 * GRID.length);
  });

  it('centers every curve and the PD at the first grid point', () => {
    const spec = build({ ...INPUT, centered: true, maxCurves: 200 });
    const curves = spec.layer[0]!.data.values;
    expect(curves).toHaveLength(120 * 3);
    for (const p of curves) expect(p.y).toBe(ICE[p.row!]![GRID.indexOf(p.x)]! - ICE[p.row!]![0]!);
    const pd = spec.layer[1]!.data.values.map((p) => p.y);
    expect(pd[0]).toBe(0);
    // The centered PD is the mean of the centered ICE curves (up to float64 rounding of two means).
    pd.forEach((y, k) =>
      expect(y).toBeCloseTo(curves.filter((p) => p.x === GRID[k]).reduce((s, p) => s + p.y, 0) / 120, 12),
    );
  });

  it('draws the PD line alone without ICE curves', () => {
    const spec = build({ feature: 'x', grid: [0, 1], average: [0.2, 0.4], label: 'logit' });
    expect(spec.layer).toHaveLength(1);
    expect(spec.layer[0]!.data.values).toEqual([
      { x: 0, y: 0.2 },
      { x: 1, y: 0.4 },
    ]);
  });

  const OK = { feature: 'x', grid: [0, 1], average: [0.2, 0.4], label: 'logit' };
  it.each([
    ['an empty grid', { ...OK, grid: [], average: [] }, 'pdpIce: grid is empty; pass at least one value.'],
    [
      'a grid out of order',
      { ...OK, grid: [1, 1] },
      'pdpIce: grid must be strictly increasing, but grid[1] <= grid[0].',
    ],
    ['an average of the wrong length', { ...OK, average: [1] }, 'pdpIce: average has length 1, expected 2.'],
    [
      'a NaN in the average',
      { ...OK, average: [1, NaN] },
      'pdpIce: average[1] must be a finite number, got NaN.',
    ],
    ['no ICE rows', { ...OK, ice: [] }, 'pdpIce: ice is empty; pass at least one value.'],
    ['ICE curves off the grid', { ...OK, ice: [[1, 2, 3]] }, 'pdpIce: ice[0] has length 3, expected 2.'],
    [
      'ragged ICE curves',
      { ...OK, ice: [[1, 2], [3]] },
      'pdpIce: ice is ragged: row 1 has 1 values, row 0 has 2; every row must have the same length.',
    ],
    ['maxCurves 0', { ...OK, maxCurves: 0 }, 'pdpIce: maxCurves must be a positive integer, got 0.'],
    ['centered as a string', { ...OK, centered: 'yes' }, 'pdpIce: centered must be a boolean, got "yes".'],
  ] as const)('rejects %s', (_name, input, message) => {
    expect(() => pdpIce(input as unknown as PdpIceInput)).toThrow(message);
  });
});
