import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { randomValues, setupBackend } from '../test-models.js';
import { resampleLines } from './line-resample.js';
import { rotateImages, scaleImages, scaleMatrix } from './resample.js';

beforeAll(setupBackend);

const hat = (d: number) => Math.max(0, 1 - Math.abs(d));

/**
 * The previous implementation's shear, as the dense sum it computed (one-hot shift conv × hat weights over all
 * integer offsets): `out[b, y, x] = Σ_j hat(x + s_b(y) − j) · in[b, y, j]` along rows; along columns the same on the
 * swapped axes. Float64.
 */
function denseShear(
  img: Float64Array,
  [b, h, w, c]: readonly [number, number, number, number],
  axis: 'x' | 'y',
  shift: (b: number, across: number) => number,
): Float64Array {
  const out = new Float64Array(img.length);
  const at = (ib: number, y: number, x: number, k: number) => ((ib * h + y) * w + x) * c + k;
  for (let ib = 0; ib < b; ib++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) {
          let sum = 0;
          if (axis === 'x')
            for (let j = 0; j < w; j++) sum += hat(x + shift(ib, y) - j) * img[at(ib, y, j, k)]!;
          else for (let j = 0; j < h; j++) sum += hat(y + shift(ib, x) - j) * img[at(ib, j, x, k)]!;
          out[at(ib, y, x, k)] = sum;
        }
  return out;
}

/** The previous rotation: shear x by −tan(φ/2)·(y − cy), y by sin φ·(x − cx), x again — dense, float64. */
function denseRotate(
  img: Float32Array,
  shape: [number, number, number, number],
  angles: number[],
): Float64Array {
  const [, h, w] = shape;
  const [cy, cx] = [(h - 1) / 2, (w - 1) / 2];
  const a = angles.map((phi) => -Math.tan(phi / 2));
  const shearX = (v: Float64Array) => denseShear(v, shape, 'x', (b, y) => a[b]! * (y - cy));
  const shearY = (v: Float64Array) => denseShear(v, shape, 'y', (b, x) => Math.sin(angles[b]!) * (x - cx));
  return shearX(shearY(shearX(Float64Array.from(img))));
}

/** The previous zoom: the dense `scaleMatrix` applied along x, then along y (float64). */
function denseScale(
  img: Float32Array,
  [b, h, w, c]: [number, number, number, number],
  scales: number[],
): Float64Array {
  const alongX = new Float64Array(img.length);
  const out = new Float64Array(img.length);
  const at = (ib: number, y: number, x: number, k: number) => ((ib * h + y) * w + x) * c + k;
  for (let ib = 0; ib < b; ib++) {
    const [mx, my] = [scaleMatrix(w, scales[ib]!), scaleMatrix(h, scales[ib]!)];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) {
          let sum = 0;
          for (let j = 0; j < w; j++) sum += mx[x * w + j]! * img[at(ib, y, j, k)]!;
          alongX[at(ib, y, x, k)] = sum;
        }
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) {
          let sum = 0;
          for (let j = 0; j < h; j++) sum += my[y * h + j]! * alongX[at(ib, j, x, k)]!;
          out[at(ib, y, x, k)] = sum;
        }
  }
  return out;
}

describe('resampleLines (typed-array linear interpolation along rows or columns)', () => {
  // Same sampling as the previous conv/matmul resampler: both are the same linear map, so they differ by float32
  // rounding only (the previous one summed over all offsets in float32): a few ulps of these N(0, 1) values;
  // tolerance 1e-5. Non-square [3, 13, 11, 3] images catch a swapped axis.
  it('rotation equals the previous three-shear rotation pixel for pixel on random images (max error < 1e-5)', () => {
    const shape: [number, number, number, number] = [3, 13, 11, 3];
    const img = randomValues(3 * 13 * 11 * 3, 21);
    const angles = [0.17, -0.09, 0.35];
    const out = tf.tidy(() => rotateImages(tf.tensor4d(img, shape), angles));
    expectArraysClose(out.dataSync(), denseRotate(img, shape, angles), 1e-5, 'rotate vs previous');
    out.dispose();
  });

  it('zoom equals the previous dense-matrix zoom pixel for pixel on random images (max error < 1e-5)', () => {
    const shape: [number, number, number, number] = [3, 13, 11, 3];
    const img = randomValues(3 * 13 * 11 * 3, 22);
    const scales = [0.9, 1.1, 1.04];
    const out = tf.tidy(() => scaleImages(tf.tensor4d(img, shape), scales));
    expectArraysClose(out.dataSync(), denseScale(img, shape, scales), 1e-5, 'scale vs previous');
    out.dispose();
  });

  it('samples p₀ + p₁·along + p₂·across along the chosen axis, zeros outside', () => {
    // One 2×4 image, channel 1: rows 0…3 and 10…13. Along x with [0.5, 1, 0]: out[x] = in[x + 0.5].
    const img = tf.tensor4d([0, 1, 2, 3, 10, 11, 12, 13], [1, 2, 4, 1]);
    const [alongX, alongY] = tf.tidy(() => [
      resampleLines(img, 'x', [[0.5, 1, 0]]),
      resampleLines(img, 'y', [[0.25, 1, 0.5]]), // out[y, x] = in[y + 0.25 + 0.5·x, x]
    ]);
    expectArraysClose(alongX!.dataSync(), [0.5, 1.5, 2.5, 1.5, 10.5, 11.5, 12.5, 6.5], 1e-6, 'along x');
    // Column x reads rows y + 0.25 + 0.5·x: (0.25, 1.25), (0.75, 1.75), (1.25, 2.25), (1.75, 2.75); row 2 is outside.
    // Row 0 of the output: 0.25·10, 0.25·1 + 0.75·11, 0.75·12, 0.25·13; row 1: 0.75·10, 0.25·11, 0, 0.
    expectArraysClose(alongY!.dataSync(), [2.5, 8.5, 9, 3.25, 7.5, 2.75, 0, 0], 1e-6, 'along y');
    tf.dispose([img, alongX!, alongY!]);
  });

  it('its gradient is the adjoint: ⟨M x, r⟩ = ⟨x, Mᵀ r⟩ on random values (rel. error < 1e-5)', () => {
    const shape: [number, number, number, number] = [2, 9, 7, 3];
    const [x, r] = [randomValues(2 * 9 * 7 * 3, 5), randomValues(2 * 9 * 7 * 3, 6)];
    const coefficients = [
      [-1.3, 0.93, 0.21],
      [0.7, 1.08, -0.15],
    ] as const;
    for (const axis of ['x', 'y'] as const) {
      const [lhs, rhs] = tf.tidy(() => {
        const [xt, rt] = [tf.tensor4d(x, shape), tf.tensor4d(r, shape)];
        const f = (t: tf.Tensor) => resampleLines(t as tf.Tensor4D, axis, coefficients);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), rt)))(xt);
        return [tf.sum(tf.mul(f(xt), rt)).dataSync()[0]!, tf.sum(tf.mul(g, xt)).dataSync()[0]!];
      });
      expect(Math.abs(lhs! - rhs!) / Math.max(1, Math.abs(lhs!))).toBeLessThan(1e-5);
    }
  });

  it('leaves no tensors behind across repeated forward and backward passes', () => {
    const x = tf.tensor4d(randomValues(2 * 6 * 5 * 3, 3), [2, 6, 5, 3]);
    const step = () =>
      tf.tidy(
        () =>
          void tf.grad((t: tf.Tensor) =>
            tf.sum(
              resampleLines(t as tf.Tensor4D, 'y', [
                [0.3, 1, 0.1],
                [0, 0.9, 0],
              ]),
            ),
          )(x),
      );
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
