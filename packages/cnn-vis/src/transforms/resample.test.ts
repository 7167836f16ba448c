import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues, setupBackend } from '../test-models.js';
import { rotateImages, scaleImages, shearRows } from './resample.js';

beforeAll(setupBackend);

/** Independent float64 bilinear rotation: out(p) = in(c + R(φ)(p − c)), zeros outside. */
function referenceRotate(img: Float32Array, h: number, w: number, phi: number): Float64Array {
  const out = new Float64Array(h * w);
  const [cy, cx] = [(h - 1) / 2, (w - 1) / 2];
  const at = (y: number, x: number) => (y >= 0 && y < h && x >= 0 && x < w ? img[y * w + x]! : 0);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = cx + Math.cos(phi) * (x - cx) - Math.sin(phi) * (y - cy);
      const sy = cy + Math.sin(phi) * (x - cx) + Math.cos(phi) * (y - cy);
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [fx, fy] = [sx - x0, sy - y0];
      out[y * w + x] =
        (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
        fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  return out;
}

const gaussianBlob = (h: number, w: number) =>
  Float32Array.from({ length: h * w }, (_, i) =>
    Math.exp(-(((Math.floor(i / w) - h * 0.4) / 3) ** 2 + ((i % w) - w * 0.6) ** 2 / 16)),
  );

/** Central finite differences of L(x) = Σ r ⊙ f(x) at `probes` coordinates vs tf.grad. */
function checkGradient(
  f: (x: tf.Tensor4D) => tf.Tensor4D,
  shape: [number, number, number, number],
  seed: number,
): number {
  const size = shape.reduce((a, b) => a * b, 1);
  const x0 = randomValues(size, seed);
  const r = randomValues(size, seed + 1);
  const loss = (x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor4D), tf.tensor4d(r, shape)));
  const g = tf.tidy(() => tf.grad(loss)(tf.tensor4d(x0, shape))).dataSync();
  let worst = 0;
  const eps = 1e-2;
  for (let p = 0; p < size; p += Math.max(1, Math.floor(size / 40))) {
    const plus = Float32Array.from(x0);
    plus[p]! += eps;
    const minus = Float32Array.from(x0);
    minus[p]! -= eps;
    const lp = tf.tidy(() => loss(tf.tensor4d(plus, shape)).dataSync()[0]!);
    const lm = tf.tidy(() => loss(tf.tensor4d(minus, shape)).dataSync()[0]!);
    worst = Math.max(worst, Math.abs((lp - lm) / (2 * eps) - g[p]!) / Math.max(1, Math.abs(g[p]!)));
  }
  return worst;
}

describe('differentiable resampler', () => {
  it('rotation by 0 and scale by 1 are the identity', () => {
    const img = randomValues(2 * 9 * 9 * 3, 1);
    const [r, s] = tf.tidy(() => [
      rotateImages(tf.tensor4d(img, [2, 9, 9, 3]), [0, 0]),
      scaleImages(tf.tensor4d(img, [2, 9, 9, 3]), [1, 1]),
    ]);
    expect(Math.max(...r!.dataSync().map((v, i) => Math.abs(v - img[i]!)))).toBeLessThan(1e-6);
    expect(Math.max(...s!.dataSync().map((v, i) => Math.abs(v - img[i]!)))).toBeLessThan(1e-6);
    tf.dispose([r!, s!]);
  });
  it.each([0.1, -0.17, 0.3])(
    'three-shear rotation by %f rad matches direct bilinear rotation of a smooth image (max error < 0.03)',
    (phi) => {
      const [h, w] = [24, 24];
      const img = gaussianBlob(h, w);
      const out = tf.tidy(() => rotateImages(tf.tensor4d(img, [1, h, w, 1]), [phi]));
      const got = out.dataSync();
      const want = referenceRotate(img, h, w, phi);
      let maxErr = 0;
      for (let i = 0; i < h * w; i++) maxErr = Math.max(maxErr, Math.abs(got[i]! - want[i]!));
      expect(maxErr).toBeLessThan(0.03);
      out.dispose();
    },
  );
  it('shearRows moves row y by its own fractional shift (linear interpolation)', () => {
    const row = [0, 0, 1, 0, 0, 0];
    const out = tf
      .tidy(() => shearRows(tf.tensor4d([...row, ...row], [1, 2, 6, 1]), [[0.25, -1.5]]))
      .dataSync();
    // out[x] = in[x + s]: row 0 samples x + 0.25, row 1 samples x − 1.5.
    expect(Array.from(out.slice(0, 6))).toEqual([0, 0.25, 0.75, 0, 0, 0].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(out.slice(6))).toEqual([0, 0, 0, 0.5, 0.5, 0].map((v) => expect.closeTo(v, 6)));
  });
  it.each([
    ['rotate', (x: tf.Tensor4D) => rotateImages(x, [0.15, -0.2])],
    ['scale (per image)', (x: tf.Tensor4D) => scaleImages(x, [0.9, 1.13])],
    ['scale (shared)', (x: tf.Tensor4D) => scaleImages(x, [1.07, 1.07])],
    [
      'shear',
      (x: tf.Tensor4D) =>
        shearRows(x, [
          [0.3, -1.2, 2.5, 0, 0.5, 1, -0.4],
          [1, 1, 1, -2.2, 0, 0, 0.1],
        ]),
    ],
  ] as const)('%s: input gradient matches central finite differences (rel. error < 1e-2)', (_, f) => {
    expect(checkGradient(f, [2, 7, 7, 3], 11)).toBeLessThan(1e-2);
  });
  it('a shared scale equals the per-image path', () => {
    const img = randomValues(3 * 9 * 11 * 3, 8);
    const [shared, per] = tf.tidy(() => {
      const x = tf.tensor4d(img, [3, 9, 11, 3]);
      // Equal factors take the shared 2-D matmul path; a 1e-9 difference forces the batched one.
      return [scaleImages(x, [0.93, 0.93, 0.93]), scaleImages(x, [0.93, 0.93, 0.93 + 1e-9])];
    });
    const a = shared!.dataSync();
    const b = per!.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 5);
    tf.dispose([shared!, per!]);
  });
  it('leaves no tensors behind', () => {
    const x = tf.tensor4d(randomValues(2 * 8 * 8, 3), [2, 8, 8, 1]);
    const before = tf.memory().numTensors;
    tf.tidy(
      () =>
        void tf.grad((t: tf.Tensor) =>
          tf.sum(rotateImages(scaleImages(t as tf.Tensor4D, [0.9, 1.1]), [0.1, -0.1])),
        )(x),
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
