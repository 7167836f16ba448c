import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { randomValues, setupBackend } from '../test-models.js';
import { randomScale } from './random-scale.js';
import { fixedDraws } from './test-fixed-draws.js';
import { referenceScale } from './test-bilinear.js';

beforeAll(setupBackend);

describe('randomScale', () => {
  // The resampler equals the float64 bilinear zoom to float32 rounding (measured 1.9e-7 in resample.test.ts), so
  // these pin which factors are drawn: s = lo + (hi − lo)·u. Tolerance 2e-6 (10×).
  const shape = [3, 9, 11, 3] as const;
  const img = randomValues(3 * 9 * 11 * 3, 21);

  it('draws one factor for the batch: u = 0.25 on [0.9, 1.1] zooms every image by 0.95', () => {
    const rng = fixedDraws([0.25]);
    const out = tf.tidy(() => randomScale({ scales: [0.9, 1.1] })(tf.tensor4d(img, [...shape]), rng));
    expectArraysClose(out.dataSync(), referenceScale(img, shape, [0.95, 0.95, 0.95]), 2e-6, 'shared 0.95');
    expect(rng.used()).toBe(1);
    out.dispose();
  });

  it('perImage draws one factor per image: u = 0, 0.5, 1 on [0.8, 1.2] give 0.8, 1, 1.2', () => {
    const rng = fixedDraws([0, 0.5, 1]);
    const out = tf.tidy(() =>
      randomScale({ scales: [0.8, 1.2], perImage: true })(tf.tensor4d(img, [...shape]), rng),
    );
    expectArraysClose(out.dataSync(), referenceScale(img, shape, [0.8, 1, 1.2]), 2e-6, 'per image');
    expect(rng.used()).toBe(3);
    out.dispose();
  });
});
