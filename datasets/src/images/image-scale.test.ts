import { describe, expect, it } from 'vitest';
import { caught } from '../test-caught.js';
import {
  IMAGE_SCALES,
  describeScale,
  isImageScale,
  scalePixels,
  unscalePixels,
  type ImageScale,
} from './image-scale.js';

/** Each scale's closed form, written out independently. */
const REFERENCE: Record<ImageScale, (x: number, channel: number, channels: 1 | 3) => number> = {
  '0-1': (x) => x / 255,
  '-1-1': (x) => x / 127.5 - 1,
  imagenet: (x, k, c) =>
    c === 3 ? (x / 255 - [0.485, 0.456, 0.406][k]!) / [0.229, 0.224, 0.225][k]! : (x / 255 - 0.449) / 0.226,
};

describe('image scales', () => {
  const values = Float32Array.of(0, 1, 63.75, 127.5, 200, 255);
  it.each(IMAGE_SCALES.flatMap((s) => ([1, 3] as const).map((c) => [s, c] as const)))(
    '%s with %i channel(s) matches its formula',
    (scale, channels) => {
      const got = scalePixels(values, channels, scale);
      got.forEach((v, i) => expect(v).toBeCloseTo(REFERENCE[scale](values[i]!, i % channels, channels), 5));
    },
  );

  it.each(IMAGE_SCALES.flatMap((s) => ([1, 3] as const).map((c) => [s, c] as const)))(
    'unscalePixels inverts %s with %i channel(s)',
    (scale, channels) => {
      const back = unscalePixels(scalePixels(values, channels, scale), channels, scale);
      back.forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 3));
      expect([...unscalePixels(Float32Array.of(-1, 1), 1, '-1-1')]).toEqual([0, 255]);
    },
  );

  it('end points: 0-1 maps 0..255 to 0..1, -1-1 to −1..1', () => {
    expect([...scalePixels(Float32Array.of(0, 255), 1, '0-1')]).toEqual([0, 1]);
    expect([...scalePixels(Float32Array.of(0, 255), 1, '-1-1')]).toEqual([-1, 1]);
  });

  it('the guard accepts exactly the declared names', () => {
    expect(IMAGE_SCALES.every(isImageScale)).toBe(true);
    for (const bad of ['0-255', 'ImageNet', '', undefined, 1]) expect(isImageScale(bad)).toBe(false);
  });

  it('describeScale states the exact numbers', () => {
    expect(describeScale('imagenet', 3)).toBe(
      "pixels/255, then (x − mean) / std per channel with ImageNet's mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]",
    );
    expect(describeScale('imagenet', 1)).toContain('(x − 0.449) / 0.226');
    expect(describeScale('-1-1', 3)).toBe('pixels/127.5 − 1, so values in [−1, 1]');
    expect(describeScale('0-1', 1)).toBe('pixels/255, so values in [0, 1]');
  });

  it('bad arguments are named', () => {
    expect(caught(() => scalePixels(values, 3, 'x' as ImageScale)).message).toBe(
      'scalePixels: scale must be one of 0-1, -1-1, imagenet, got "x"',
    );
    expect(caught(() => scalePixels(Float32Array.of(1, 2), 3, '0-1')).message).toBe(
      'scalePixels: channels must be 1 or 3 dividing the length 2, got 3',
    );
  });
});
