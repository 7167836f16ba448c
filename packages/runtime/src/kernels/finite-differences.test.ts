import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { normalValues, useWasmWithKernels } from './test-backends.js';

/**
 * |analytic − (L(θ + h) − L(θ − h)) / 2h| allowed. Every loss below is linear in each argument (convolutions, matrix
 * products) or piecewise linear with kinks farther than h (max-pool over values 0.1 apart, h = 0.02), so the central
 * difference has no truncation error; float32 rounding of L (|L| ≲ 50, a few ulps ≈ 1e-5) over 2h ≤ 0.2 bounds the rest.
 */
const TOLERANCE = 2e-3;
/** Step for losses linear in the perturbed argument: large, to shrink the rounding term. */
const LINEAR_STEP = 0.1;

interface Case {
  name: string;
  shapes: number[][];
  /** Finite-difference step. */
  h: number;
  /** Values of each argument; default standard normal. */
  values?: (shape: number[], seed: number) => Float32Array;
  f: (...args: tf.Tensor[]) => tf.Tensor;
}

/** Distinct values 0.1 apart in random order: no ties, and a step of H cannot change any max. */
function separated(shape: number[], seed: number): Float32Array {
  const n = tf.util.sizeFromShape(shape);
  return Float32Array.from(createRng(seed).shuffle(Array.from({ length: n }, (_, i) => (i - n / 2) * 0.1)));
}

const CASES: Case[] = [
  {
    name: 'conv2d, 3 channels, stride 2, same (filter gradient + GEMM/col2im input gradient)',
    h: LINEAR_STEP,
    shapes: [
      [2, 6, 5, 3],
      [3, 3, 3, 4],
    ],
    f: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'),
  },
  {
    name: 'conv2d, 4 channels, stride 1, valid (convolution input gradient)',
    h: LINEAR_STEP,
    shapes: [
      [1, 6, 6, 4],
      [3, 2, 4, 3],
    ],
    f: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'),
  },
  {
    name: 'maxPool 3×3, stride 2, same',
    shapes: [[1, 7, 6, 2]],
    h: 0.02,
    values: separated,
    f: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same'),
  },
  {
    name: 'maxPool 2×2, stride 2 (unrolled path)',
    shapes: [[2, 4, 6, 3]],
    h: 0.02,
    values: separated,
    f: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'),
  },
  {
    name: 'depthwiseConv2d 3×3, multiplier 1 and 2',
    h: LINEAR_STEP,
    shapes: [
      [1, 5, 5, 2],
      [3, 3, 2, 1],
      [2, 2, 2, 2],
    ],
    f: (x, w1, w2) =>
      tf.add(
        tf.sum(tf.depthwiseConv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same')),
        tf.sum(tf.depthwiseConv2d(x as tf.Tensor4D, w2 as tf.Tensor4D, 2, 'valid')),
      ),
  },
  {
    name: 'matMul with both operands transposed',
    h: LINEAR_STEP,
    shapes: [
      [4, 3],
      [5, 4],
    ],
    f: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, true),
  },
];

describe('wasm kernel gradients against central finite differences', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('$name', (c) => {
    tf.setBackend('wasm');
    const args = c.shapes.map((shape, k) => (c.values ?? normalValues)(shape, 40 + k));
    // L(θ) = Σ f(θ) ⊙ R with a fixed random R, so every output's gradient path is exercised with its own weight.
    const loss = (values: Float32Array[]) =>
      tf.tidy(() => {
        const y = c.f(...values.map((v, k) => tf.tensor(v, c.shapes[k])));
        return tf.sum(tf.mul(y, tf.tensor(normalValues(y.shape, 50), y.shape)));
      });
    const analytic = tf.tidy(() =>
      tf
        .grads((...ts: tf.Tensor[]) => {
          const y = c.f(...ts);
          return tf.sum(tf.mul(y, tf.tensor(normalValues(y.shape, 50), y.shape)));
        })(args.map((v, k) => tf.tensor(v, c.shapes[k])))
        .map((g) => g.dataSync().slice()),
    );
    let worst = 0;
    args.forEach((values, k) => {
      for (let i = 0; i < values.length; i++) {
        const shifted = (delta: number) => {
          const copy = args.map((v) => v.slice());
          (copy[k] as Float32Array)[i] = (values[i] as number) + delta;
          const l = loss(copy);
          const value = l.dataSync()[0] as number;
          l.dispose();
          return value;
        };
        const numeric = (shifted(c.h) - shifted(-c.h)) / (2 * c.h);
        worst = Math.max(worst, Math.abs(numeric - ((analytic[k] as Float32Array)[i] as number)));
      }
    });
    expect(worst).toBeLessThan(TOLERANCE);
  });
});
