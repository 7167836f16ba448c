import { describe, expect, it } from 'vitest';
import type { Design } from '../data/types.js';
import { scaleRatio } from './scale-ratio.js';

const design = (x: number[], d: number, names: string[]): Design => ({
  n: x.length / d,
  d,
  x: Float64Array.from(x),
  names,
});

describe('scaleRatio', () => {
  it('stds 1 and 1e7 (and a middle one): ratio 1e7, naming largest and smallest', () => {
    // columns ±1, ±1e7, ±3 → population stds 1, 1e7, 3.
    const r = scaleRatio(design([1, 1e7, 3, -1, -1e7, -3], 3, ['small', 'big', 'mid']));
    expect(r.ratio).toBe(1e7);
    expect(r.largest).toEqual({ name: 'big', std: 1e7 });
    expect(r.smallest).toEqual({ name: 'small', std: 1 });
  });

  it('constant columns are left out; fewer than two varying columns give 1', () => {
    expect(scaleRatio(design([1, 7, 2, 7], 2, ['a', 'k'])).ratio).toBe(1);
    expect(scaleRatio(design([7, 7], 1, ['k']))).toEqual({ ratio: 1, largest: null, smallest: null });
    expect(scaleRatio(design([1, 7, 3, -1, 7, -3], 3, ['a', 'k', 'b'])).ratio).toBe(3);
  });
});
