import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import { randomRotate } from './random-rotate.js';
import { fixedDraws } from './test-fixed-draws.js';
import { affineImages, affineRotationWindow } from './test-bilinear.js';

beforeAll(setupBackend);

describe('randomRotate', () => {
  it('rotates image b by (2u_b − 1)·degrees: u = 0.75, 0.1 at ±10° give +5° and −8°', () => {
    // Exact on affine images inside the safe window (measured 1.8e-7 in resample.test.ts); tolerance 2e-6 (10×).
    const n = 32;
    const rng = fixedDraws([0.75, 0.1]);
    const out = tf.tidy(() =>
      randomRotate({ degrees: 10 })(tf.tensor4d(affineImages(2, n), [2, n, n, 2]), rng),
    );
    const got = out.dataSync();
    out.dispose();
    expect(rng.used()).toBe(2);
    [5, -8].forEach((deg, b) => {
      const phi = (deg * Math.PI) / 180; // 0.0872665 and −0.1396263 rad
      const { actual, expected, radius } = affineRotationWindow(got, b, n, phi);
      expect(radius).toBeGreaterThanOrEqual(10);
      expectArraysClose(actual, expected, 2e-6, `random rotation by ${deg}°`);
    });
  });

  it('degrees 0 returns the image itself and draws nothing', () => {
    const rng = fixedDraws([]);
    const x = tf.tensor4d(affineImages(1, 4), [1, 4, 4, 2]);
    expect(randomRotate({ degrees: 0 })(x, rng)).toBe(x);
    expect(rng.used()).toBe(0);
    x.dispose();
  });
});
