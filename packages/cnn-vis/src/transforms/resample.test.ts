import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { randomValues, setupBackend } from '../test-models.js';
import { rotateImages, scaleImages, shearRows } from './resample.js';
import {
  affineImages,
  affineRotationWindow,
  gaussianBlob,
  referenceRotate,
  referenceScale,
} from './test-bilinear.js';

beforeAll(setupBackend);

/** Central finite differences of L(x) = Σ r ⊙ f(x) at about 40 probe coordinates vs tf.grad (max relative error). */
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
  // Every resampler op is linear in the image, so central differences have no truncation error at any step; a unit
  // step keeps the float32 rounding of L (~1e-6·|L|) from being amplified by 1/(2·eps) (at eps = 1e-2: 1.4e-4).
  const eps = 1;
  let worst = 0;
  let probes = 0;
  for (let p = 0; p < size; p += Math.max(1, Math.floor(size / 40))) {
    const plus = Float32Array.from(x0);
    plus[p]! += eps;
    const minus = Float32Array.from(x0);
    minus[p]! -= eps;
    const lp = tf.tidy(() => loss(tf.tensor4d(plus, shape)).dataSync()[0]!);
    const lm = tf.tidy(() => loss(tf.tensor4d(minus, shape)).dataSync()[0]!);
    worst = Math.max(worst, Math.abs((lp - lm) / (2 * eps) - g[p]!) / Math.max(1, Math.abs(g[p]!)));
    probes++;
  }
  expect(probes).toBeGreaterThanOrEqual(40);
  return worst;
}

describe('differentiable resampler', () => {
  it('rotation by 0 and scale by 1 are the identity', () => {
    const img = randomValues(2 * 9 * 9 * 3, 1);
    const [r, s] = tf.tidy(() => [
      rotateImages(tf.tensor4d(img, [2, 9, 9, 3]), [0, 0]),
      scaleImages(tf.tensor4d(img, [2, 9, 9, 3]), [1, 1]),
    ]);
    expectArraysClose(r!.dataSync(), img, 1e-6, 'rotate by 0');
    expectArraysClose(s!.dataSync(), img, 1e-6, 'scale by 1');
    tf.dispose([r!, s!]);
  });

  it('rotation of an affine image is the exact rotation inside the region its shears never leave', () => {
    // Linear interpolation is exact on affine images and the three shears compose to R(φ) exactly (Paeth), so within
    // safeRadius out(p) = I(c + R(φ)(p − c)) up to float32 rounding: measured max error 1.8e-7 over the four angles
    // (wasm and cpu); tolerance 2e-6 (10×). A half-pixel centre error shifts the samples by |(1 − R)·(½, ½)| ≈ 0.7·|φ| px
    // (measured 3.5e-3 at 0.1 rad) — far outside. Two planes and four images, each with its own angle.
    const n = 32;
    const angles = [0.1, -0.17, 0.3, -0.5];
    const out = tf.tidy(() =>
      rotateImages(tf.tensor4d(affineImages(angles.length, n), [angles.length, n, n, 2]), angles),
    );
    const got = out.dataSync();
    out.dispose();
    angles.forEach((phi, b) => {
      const { actual, expected, radius } = affineRotationWindow(got, b, n, phi);
      expect(radius).toBeGreaterThanOrEqual(7); // measured 12, 11, 9, 7
      expect(expected.length).toBe(2 * (2 * radius) ** 2); // c is a half-integer: 2r rows and columns lie within r
      expectArraysClose(actual, expected, 2e-6, `affine image rotated by ${phi}`);
    });
  });

  // The three-shear rotation is not bilinear rotation: three 1-D linear interpolations (zeros entering at each pass)
  // differ from one 2-D bilinear sample by a deterministic method error, measured on this 32×32 blob as 3.1e-3,
  // 6.7e-3 and 1.0e-2 (float32 rounding adds ~1e-7). Tolerances 2× above it catch a half-pixel centre error
  // ((w − 1)/2 → w/2), which measured 1.2e-2, 1.8e-2 and 3.2e-2; 5× would let it pass. At 0.5 rad the method error
  // (3.7e-2) nearly reaches the centre error's (5.7e-2): larger angles are pinned by the affine test above.
  it.each([
    [0.1, 6e-3],
    [-0.17, 1.3e-2],
    [0.3, 2e-2],
  ])(
    'three-shear rotation by %f rad matches direct bilinear rotation of a smooth image (max error < %f)',
    (phi, tol) => {
      const n = 32;
      const img = gaussianBlob(n, n);
      const out = tf.tidy(() => rotateImages(tf.tensor4d(img, [1, n, n, 1]), [phi]));
      expectArraysClose(out.dataSync(), referenceRotate(img, [1, n, n, 1], [phi]), tol, `rotate ${phi}`);
      out.dispose();
    },
  );

  // Scaling is separable bilinear, which is bilinear: both paths equal the float64 reference up to float32 rounding,
  // borders included (measured max error 1.9e-7 over the cases, wasm and cpu; tolerance 2e-6, 10×). The images are
  // [3, 9, 11, 3], so a matrix built for the wrong axis fails. Equal factors take the shared 2-D matmul path, unequal
  // ones the per-image batched one (+1e-9 forces it at a shared factor).
  it.each([
    ['shared', [0.75, 0.75, 0.75]],
    ['shared', [1.1, 1.1, 1.1]],
    ['shared', [1.3, 1.3, 1.3]],
    ['per-image', [0.9, 1.13, 0.75]],
    ['per-image', [1.25, 0.8, 1.05]],
    ['per-image', [1.1, 1.1, 1.1 + 1e-9]],
  ] as const)(
    '%s scale %j equals direct float64 bilinear zoom about the centre (max error < 2e-6)',
    (_, scales) => {
      const shape = [3, 9, 11, 3] as const;
      const img = randomValues(3 * 9 * 11 * 3, 8);
      const out = tf.tidy(() => scaleImages(tf.tensor4d(img, [...shape]), scales));
      expectArraysClose(
        out.dataSync(),
        referenceScale(img, shape, scales),
        2e-6,
        `scale ${scales.join(', ')}`,
      );
      out.dispose();
    },
  );

  it('shearRows moves row y by its own fractional shift (linear interpolation)', () => {
    const row = [0, 0, 1, 0, 0, 0];
    const out = tf
      .tidy(() => shearRows(tf.tensor4d([...row, ...row], [1, 2, 6, 1]), [[0.25, -1.5]]))
      .dataSync();
    // out[x] = in[x + s]: row 0 samples x + 0.25, row 1 samples x − 1.5.
    expectArraysClose(out, [0, 0.25, 0.75, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0], 1e-6, 'shearRows');
  });

  // Central differences at eps = 1 (exact for these linear ops): measured max relative error 1.8e-6 (rotate), 1.5e-6
  // (scale, per image), 1.4e-6 (scale, shared), 1.4e-6 (shear) on wasm, ≤ 4.7e-7 on cpu; tolerance 2e-5 (10×).
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
  ] as const)('%s: input gradient matches central finite differences (rel. error < 2e-5)', (_, f) => {
    expect(checkGradient(f, [2, 7, 7, 3], 11)).toBeLessThan(2e-5);
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
