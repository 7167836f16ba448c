import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import { lucidParam } from './lucid-param.js';
import { pixelParam } from './pixel.js';
import { sigmoidRange } from './sigmoid-range.js';

beforeAll(setupBackend);

describe('sigmoidRange', () => {
  it('range [−1, 2]: image = −1 + 3·σ(params), against σ in float64', () => {
    const before = tf.memory().numTensors;
    const p = sigmoidRange(pixelParam({ sd: 2 }), { range: [-1, 2] })([2, 3, 3, 1], createRng(4));
    const raw = p.params.dataSync();
    const img = p.image();
    // float32 sigmoid and affine map: measured 9.0e-8, tolerance 5e-7.
    expectArraysClose(
      img.dataSync(),
      Array.from(raw, (v) => -1 + 3 / (1 + Math.exp(-v))),
      5e-7,
      'image',
    );
    img.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [[1, 0], '[1,0]'],
    [[1, 1], '[1,1]'],
  ] as const)('range %j is refused (low < high is required)', (range, json) => {
    expect(() => sigmoidRange(pixelParam(), { range })).toThrow(
      `sigmoidRange: range must be [low, high] with low < high; got ${json}.`,
    );
  });
});

describe('lucidParam', () => {
  it('passes its range to sigmoidRange: range [−3, −2] puts every pixel in (−3, −2); the default is (0, 1)', () => {
    const before = tf.memory().numTensors;
    for (const [options, lo, hi] of [
      [{ range: [-3, -2] as const, sd: 1 }, -3, -2],
      [{ sd: 1 }, 0, 1],
    ] as const) {
      const p = lucidParam(options)([1, 6, 6, 3], createRng(8));
      const img = p.image();
      const v = Array.from(img.dataSync());
      expect(Math.min(...v)).toBeGreaterThan(lo);
      expect(Math.max(...v)).toBeLessThan(hi);
      img.dispose();
      p.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
