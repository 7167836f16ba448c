import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import { normalArray } from './parameterization.js';
import { pixelParam } from './pixel.js';

beforeAll(setupBackend);

describe('pixelParam / normalArray', () => {
  it('pixelParam for [2, 3, 4, 3] holds 72 parameters, sd · the generator’s first 72 normals', () => {
    const before = tf.memory().numTensors;
    const p = pixelParam({ sd: 0.5 })([2, 3, 4, 3], createRng(11));
    expect(p.params.shape).toEqual([2, 3, 4, 3]);
    const ref = createRng(11);
    // float32 storage of float64 products: measured 4.1e-8, tolerance 3e-7.
    expectArraysClose(
      p.params.dataSync(),
      Array.from({ length: 72 }, () => ref.normal() * 0.5),
      3e-7,
      'params',
    );
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('normalArray(n) draws exactly n normals: the next draw is the (n + 1)-th', () => {
    const rng = createRng(2);
    normalArray(5, 1, rng);
    const ref = createRng(2);
    for (let i = 0; i < 5; i++) ref.normal();
    expect(rng.normal()).toBe(ref.normal());
  });
});
