import { describe, expect, it } from 'vitest';
import { makePatternImages } from './make-pattern-images.js';

describe('makePatternImages', () => {
  const size = 8;
  const ds = makePatternImages({ n: 301, size, seed: 0 });
  const px = size * size;

  it('has shape [n, size, size, 1], values in [0, 1] and balanced classes', () => {
    expect(ds.shape).toEqual([301, 8, 8, 1]);
    expect(ds.classNames).toEqual(['horizontal', 'vertical']);
    expect(ds.features.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ds.target.reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('the mask is one bar of length size/2 in the orientation of the class', () => {
    for (let i = 0; i < 301; i++) {
      const cells: [number, number][] = [];
      for (let p = 0; p < px; p++)
        if (ds.patternMask[i * px + p] === 1) cells.push([Math.floor(p / size), p % size]);
      expect(cells.length).toBe(4);
      const axis = ds.target[i] === 0 ? 0 : 1; // horizontal: all in one row; vertical: all in one column
      expect(new Set(cells.map((c) => c[axis])).size).toBe(1);
      const along = cells.map((c) => c[1 - axis]!).sort((a, b) => a - b);
      expect(along[3]! - along[0]!).toBe(3); // contiguous
    }
  });

  it('only the pattern is bright: bar pixels ≥ 0.8, background < 0.2', () => {
    let wrong = 0;
    ds.features.forEach((v, k) => {
      if (ds.patternMask[k] === 1 ? v < 0.8 : v >= 0.2) wrong++;
    });
    expect(wrong).toBe(0);
    expect(ds.patternMask.reduce((a, b) => a + b, 0)).toBe(301 * 4);
  });

  it('same seed → same images; another seed differs; too small a size is rejected', () => {
    expect(makePatternImages({ n: 10, size: 6, seed: 2 }).features).toEqual(
      makePatternImages({ n: 10, size: 6, seed: 2 }).features,
    );
    expect(makePatternImages({ n: 10, size: 6, seed: 3 }).features).not.toEqual(
      makePatternImages({ n: 10, size: 6, seed: 2 }).features,
    );
    expect(() => makePatternImages({ n: 10, size: 3, seed: 0 })).toThrow(
      'makePatternImages: options.size must be an integer ≥ 4, got 3',
    );
  });
});
