import type { RenderResult } from '@openbox/cnn-vis';
import { describe, expect, it } from 'vitest';
import { findNonFinite } from './find-non-finite.js';

/** A rendered batch of `b` 2×2 grey images with objective curves of 3 points. */
function batch(
  b: number,
  edit: (r: { images: Float32Array; curve: Float32Array[]; finalValues: Float32Array }) => void,
) {
  const r = {
    images: new Float32Array(b * 4).fill(0.5),
    curve: Array.from({ length: b }, () => Float32Array.of(0, 1, 2)),
    finalValues: new Float32Array(b).fill(2),
  };
  edit(r);
  return {
    ...r,
    shape: [b, 2, 2, 1],
    curveSteps: [1, 2, 3],
    objective: 'o',
    steps: 3,
    seed: 0,
  } as RenderResult;
}

describe('findNonFinite', () => {
  it.each<[string, RenderResult[], ReturnType<typeof findNonFinite>]>([
    ['all finite', [batch(2, () => undefined), batch(1, () => undefined)], null],
    [
      'NaN in a curve of the second batch',
      [batch(2, () => undefined), batch(1, (r) => (r.curve[0]![1] = NaN))],
      { channel: 9, what: 'objective' },
    ],
    [
      'Infinity as a final value',
      [batch(2, (r) => (r.finalValues[1] = Infinity))],
      { channel: 4, what: 'objective' },
    ],
    ['NaN pixel of the second image', [batch(2, (r) => (r.images[5] = NaN))], { channel: 4, what: 'image' }],
  ])('%s', (_, results, expected) => {
    expect(findNonFinite(results, [3, 4, 9], 2)).toEqual(expected);
  });
});
