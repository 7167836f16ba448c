import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import { colorMatrixTransposed, decorrelateColors } from './decorrelate-colors.js';
import { pixelParam } from './pixel.js';

beforeAll(setupBackend);

// Lucid's color_correlation_svd_sqrt, typed in again here.
const M = [
  [0.26, 0.09, 0.02],
  [0.27, 0.0, -0.05],
  [0.27, -0.09, 0.03],
];
const maxNorm = Math.max(...[0, 1, 2].map((j) => Math.hypot(M[0]![j]!, M[1]![j]!, M[2]![j]!))); // column 0: 0.4554

describe('decorrelateColors', () => {
  it('colorMatrixTransposed is (M / max column norm)ᵀ, row-major', () => {
    const expected = [0, 1, 2].flatMap((j) => [0, 1, 2].map((i) => M[i]![j]! / maxNorm));
    // float32 storage: measured 2.3e-8, tolerance 1e-7.
    expectArraysClose(colorMatrixTransposed(), expected, 1e-7, 'matrix');
  });

  it('maps each 3-channel pixel t to rgb = t · (M / max)ᵀ; a 1-channel image passes through', () => {
    const before = tf.memory().numTensors;
    const p = decorrelateColors(pixelParam({ sd: 1 }))([2, 2, 3, 3], createRng(3));
    const t = p.params.dataSync();
    const img = p.image();
    const expected: number[] = [];
    for (let q = 0; q < t.length / 3; q++)
      for (let i = 0; i < 3; i++)
        expected.push([0, 1, 2].reduce((s, j) => s + t[q * 3 + j]! * (M[i]![j]! / maxNorm), 0));
    // float32 3-term dot products of N(0, 1) values: measured 1.5e-7, tolerance 1e-6.
    expectArraysClose(img.dataSync(), expected, 1e-6, 'rgb');
    img.dispose();
    p.dispose();
    const gray = decorrelateColors(pixelParam({ sd: 1 }))([1, 2, 2, 1], createRng(3));
    const g = gray.image();
    expectArraysClose(g.dataSync(), gray.params.dataSync(), 0, 'gray');
    g.dispose();
    gray.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
