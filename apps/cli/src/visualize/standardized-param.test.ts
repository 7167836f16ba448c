import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixelParam, sigmoidRange } from '@openbox/cnn-vis';
import { createRng, initBackend } from '@openbox/runtime';
import { scaledGrey } from './build-param.js';
import { standardizedParam } from './standardized-param.js';

beforeAll(async () => {
  await initBackend();
});

describe('standardizedParam', () => {
  it('image = (inner − mean[c]) / std[c], channel by channel; every tensor disposed', () => {
    const before = tf.memory().numTensors;
    const inner = sigmoidRange(pixelParam({ sd: 1 }));
    const shape = [2, 3, 4, 3] as const;
    const base = inner(shape, createRng(9));
    const wrapped = standardizedParam(inner, [0.5, 0.25, 0], [0.5, 2, 4])(shape, createRng(9));
    const [x, y] = tf.tidy(() => [base.image().dataSync(), wrapped.image().dataSync()]);
    const expected = Array.from(x!, (v, i) => (v - [0.5, 0.25, 0][i % 3]!) / [0.5, 2, 4][i % 3]!);
    expect(Math.max(...Array.from(y!, (v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-6);
    base.dispose();
    wrapped.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('scaledGrey', () => {
  it.each([
    [0.5, '0-1', 3, 0.5],
    [0.5, '-1-1', 3, 0],
    [0, '-1-1', 1, -1],
    [0.449, 'imagenet', 1, 0],
    [0, 'imagenet', 3, -(0.485 + 0.456 + 0.406) / 3 / ((0.229 + 0.224 + 0.225) / 3)],
  ] as const)('%s in %s (%i channels) → %s', (value, scale, channels, expected) => {
    expect(scaledGrey(value, scale, channels)).toBeCloseTo(expected, 3);
  });
});
