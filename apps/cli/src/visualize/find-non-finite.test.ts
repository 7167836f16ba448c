import type { RenderResult } from '@openbox/cnn-vis';
import { describe, expect, it } from 'vitest';
import { findNonFinite, type RenderedJob } from './find-non-finite.js';

/** A rendered job of `b` 2×2 grey images (units `channels[i]`, or `images` images of one unit) with 3-point curves. */
function job(
  units: readonly string[],
  edit: (r: {
    images: Float32Array;
    curve: Float32Array[];
    finalValues: Float32Array;
    unitValues: Float32Array;
  }) => void,
  images = false,
): RenderedJob {
  const b = units.length;
  const r = {
    images: new Float32Array(b * 4).fill(0.5),
    curve: Array.from({ length: b }, () => Float32Array.of(0, 1, 2)),
    finalValues: new Float32Array(b).fill(2),
    unitValues: new Float32Array(b).fill(1),
  };
  edit(r);
  const result = {
    ...r,
    shape: [b, 2, 2, 1],
    curveSteps: [1, 2, 3],
    objective: 'o',
    steps: 3,
    seed: 0,
  } as RenderResult;
  const items = units.map((unit, i) => ({ unit, image: images ? i : 0 }));
  return { result, job: { items }, unitValues: r.unitValues };
}

const ok = () => undefined;

describe('findNonFinite', () => {
  it.each<[string, RenderedJob[], ReturnType<typeof findNonFinite>]>([
    ['all finite', [job(['channel 3', 'channel 4'], ok), job(['channel 9'], ok)], null],
    [
      'NaN in a curve of the second job',
      [job(['channel 3', 'channel 4'], ok), job(['channel 9'], (r) => (r.curve[0]![1] = NaN))],
      { unit: 'channel 9', what: 'objective' },
    ],
    [
      'Infinity as a final value',
      [job(['channel 3', 'channel 4'], (r) => (r.finalValues[1] = Infinity))],
      { unit: 'channel 4', what: 'objective' },
    ],
    [
      'NaN as the unit value alone',
      [job(['channel 3', 'channel 4'], (r) => (r.unitValues[0] = NaN))],
      { unit: 'channel 3', what: 'objective' },
    ],
    [
      'NaN pixel of the second image',
      [job(['channel 3', 'channel 4'], (r) => (r.images[5] = NaN))],
      { unit: 'channel 4', what: 'image' },
    ],
    [
      'several images of one unit are numbered',
      [job(['layer', 'layer', 'layer'], (r) => (r.images[9] = -Infinity), true)],
      { unit: 'layer image 2', what: 'image' },
    ],
  ])('%s', (_, jobs, expected) => {
    expect(findNonFinite(jobs)).toEqual(expected);
  });
});
