import { decodeImage, type DecodedImage } from '@openbox/datasets';
import { describe, expect, it } from 'vitest';
import { diverging, overlayPng, sequential } from './overlay-png.js';

/** The PNG decoded (fast-png, through datasets' `decodeImage`). */
const read = (bytes: Uint8Array): DecodedImage => decodeImage(bytes, 'overlay.png');
/** The RGB of pixel (x, y) of a decoded PNG. */
const rgb = (png: DecodedImage, x: number, y: number): number[] =>
  Array.from(png.data.subarray((y * png.width + x) * 3, (y * png.width + x) * 3 + 3));

describe('colour scales', () => {
  it.each<[number, number[]]>([
    [-1, [0, 0, 1]],
    [-0.5, [0.5, 0.5, 1]],
    [0, [1, 1, 1]],
    [0.5, [1, 0.5, 0.5]],
    [1, [1, 0, 0]],
    [7, [1, 0, 0]],
  ])('diverging(%f)', (t, expected) => expect(diverging(t)).toEqual(expected));
  it.each<[number, number[]]>([
    [-1, [0, 0, 0]],
    [0, [0, 0, 0]],
    [1 / 3, [1, 0, 0]],
    [2 / 3, [1, 1, 0]],
    [1, [1, 1, 1]],
  ])('sequential(%f)', (t, expected) => {
    sequential(t).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 12));
  });
});

describe('overlayPng', () => {
  // A 1×3 RGB image (black, mid, white) with attributions −2 (summed over channels), 0 and +2.
  const image = Float32Array.of(0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1);
  const attribution = Float32Array.of(-1, -0.5, -0.5, 0, 0, 0, 2, 0, 0);

  it('signed: blue at −max, the plain gray image at 0, red at +max, blended 85 %; upscaled', () => {
    const png = read(overlayPng(image, attribution, [1, 3, 3], { signed: true, scale: 2 }));
    expect([png.width, png.height]).toEqual([6, 2]);
    const blend = (gray: number, colour: number) => Math.round(255 * (0.15 * gray + 0.85 * colour));
    expect(rgb(png, 0, 0)).toEqual([blend(0, 0), blend(0, 0), blend(0, 1)]);
    expect(rgb(png, 1, 1)).toEqual(rgb(png, 0, 0)); // nearest-neighbour upscaling
    expect(rgb(png, 2, 0)).toEqual([128, 128, 128]);
    expect(rgb(png, 5, 1)).toEqual([blend(1, 1), blend(1, 0), blend(1, 0)]);
  });

  it('non-negative: the sequential scale; an all-zero map leaves the gray image', () => {
    const heat = Float32Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1);
    const png = read(overlayPng(image, heat, [1, 3, 3], { signed: false }));
    expect(rgb(png, 1, 0)).toEqual([128, 128, 128]);
    expect(rgb(png, 2, 0)).toEqual([255, 255, 255]); // white image under white heat
    const none = read(overlayPng(image, new Float32Array(9), [1, 3, 3], { signed: false }));
    expect([0, 1, 2].map((x) => rgb(none, x, 0)[0])).toEqual([0, 128, 255]);
  });
});
