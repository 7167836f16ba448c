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

  describe('channels: 3', () => {
    const rgb = makePatternImages({ n: 120, size, seed: 0, channels: 3 });
    const at = (i: number, p: number, ch: number): number => rgb.features[(i * px + p) * 3 + ch]!;

    it('has shape [n, size, size, 3] and the same labels as the gray images of the seed', () => {
      expect(rgb.shape).toEqual([120, 8, 8, 3]);
      expect(rgb.target).toEqual(makePatternImages({ n: 120, size, seed: 0 }).target);
      expect(rgb.features.length).toBe(120 * px * 3);
    });

    it('bars: the same mask in every channel, one bar of size/2 pixels in the class orientation', () => {
      for (let i = 0; i < 120; i++) {
        const cells: [number, number][] = [];
        for (let p = 0; p < px; p++) {
          const m = [0, 1, 2].map((ch) => rgb.patternMask[(i * px + p) * 3 + ch]);
          expect(new Set(m).size).toBe(1);
          if (m[0] === 1) cells.push([Math.floor(p / size), p % size]);
        }
        expect(cells.length).toBe(4);
        const axis = rgb.target[i] === 0 ? 0 : 1;
        expect(new Set(cells.map((c) => c[axis])).size).toBe(1);
      }
    });

    it('bar pixels: brightest channel in [0.8, 1], every channel ≥ 0.4 × the brightest; background < 0.2', () => {
      let wrong = 0;
      for (let i = 0; i < 120; i++)
        for (let p = 0; p < px; p++) {
          const v = [0, 1, 2].map((ch) => at(i, p, ch));
          const max = Math.max(...v);
          if (rgb.patternMask[(i * px + p) * 3] === 1) {
            if (max < 0.8 || max > 1 || v.some((x) => x < 0.4 * max - 1e-6)) wrong++;
          } else if (max >= 0.2) wrong++;
        }
      expect(wrong).toBe(0);
    });

    it('noise is drawn per channel (channels differ off the bar)', () => {
      let equal = 0;
      for (let p = 0; p < px; p++) if (at(0, p, 0) === at(0, p, 1)) equal++;
      expect(equal).toBeLessThan(2);
    });

    it('the hue does not give the class away: both classes span the colour wheel', () => {
      // Dominant channel of each bar (R, G or B): each class has bars dominated by each of the three channels.
      const dominant = [new Set<number>(), new Set<number>()];
      for (let i = 0; i < 120; i++) {
        const p = [...Array(px).keys()].find((q) => rgb.patternMask[(i * px + q) * 3] === 1)!;
        const v = [0, 1, 2].map((ch) => at(i, p, ch));
        dominant[rgb.target[i]!]!.add(v.indexOf(Math.max(...v)));
      }
      expect([...dominant[0]!].sort()).toEqual([0, 1, 2]);
      expect([...dominant[1]!].sort()).toEqual([0, 1, 2]);
    });

    it('rejects other channel counts', () => {
      expect(() => makePatternImages({ n: 2, size: 4, seed: 0, channels: 2 as 1 })).toThrow(
        'makePatternImages: options.channels must be 1 or 3, got 2',
      );
    });
  });
});
