import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { tensorGrowth } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { randomMatrix, setupBackend } from '../test-models.js';
import { GRADIENT_CHUNK_ROWS, rowGradients } from './row-gradients.js';

beforeAll(setupBackend);

/** f(x) = Σ_j c_j x_j² per row: ∇f = 2 c ⊙ x. */
const c = [0.5, -1, 2];
const quadratic = (x: tf.Tensor2D): tf.Tensor1D =>
  tf.tidy(() => tf.sum(tf.mul(tf.square(x), tf.tensor1d(c)), 1) as tf.Tensor1D);

describe('rowGradients', () => {
  it('gives per-row values and gradients across chunk boundaries (1e-6: float32)', () => {
    const rows = GRADIENT_CHUNK_ROWS + 5;
    const x = randomMatrix(rows, 3, 1, -2, 2);
    const { values, gradients } = rowGradients(quadratic, x);
    expectArraysClose(
      values,
      Array.from({ length: rows }, (_, r) => c.reduce((s, cj, j) => s + cj * x.data[r * 3 + j]! ** 2, 0)),
      1e-6,
    );
    expectArraysClose(
      gradients,
      Array.from(x.data, (v, i) => 2 * c[i % 3]! * v),
      1e-6,
    );
  });

  it('rethrows the model’s error and leaves no tensor behind', async () => {
    const x = randomMatrix(4, 3, 2);
    expect(await tensorGrowth(() => rowGradients(quadratic, x))).toBe(0);
    const failing = (t: tf.Tensor2D): tf.Tensor1D => {
      quadratic(t);
      throw new Error('boom');
    };
    expect(
      await tensorGrowth(() => {
        expect(() => rowGradients(failing, x)).toThrow('boom');
      }),
    ).toBe(0);
  });
});
