import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

interface Case {
  name: string;
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  /** Round the inputs to this many levels, so windows hold ties. */
  levels?: number;
}

const CASES: Case[] = [
  { name: 'reference pool 1', x: [4, 24, 24, 16], filterSize: 2, strides: 2, pad: 'valid' },
  { name: 'reference pool 2', x: [4, 8, 8, 32], filterSize: 2, strides: 2, pad: 'valid' },
  { name: 'overlapping 3×3 stride 2, same', x: [2, 9, 8, 3], filterSize: 3, strides: 2, pad: 'same' },
  { name: 'overlapping 3×2 stride 1, valid', x: [2, 7, 6, 2], filterSize: [3, 2], strides: 1, pad: 'valid' },
  {
    name: 'odd size, 2×2 stride 2 (last row unused)',
    x: [1, 7, 5, 4],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
  },
  {
    name: '2×2 stride 2, same, odd size (clipped windows)',
    x: [2, 7, 9, 3],
    filterSize: 2,
    strides: 2,
    pad: 'same',
  },
  {
    name: 'ties (2 levels), 2×2 stride 2',
    x: [2, 8, 8, 5],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
    levels: 2,
  },
  { name: 'numeric pad 1', x: [2, 6, 6, 2], filterSize: 3, strides: 2, pad: 1 },
  {
    name: 'ties (3 levels), overlapping',
    x: [2, 8, 8, 3],
    filterSize: 3,
    strides: 1,
    pad: 'same',
    levels: 3,
  },
];

function poolGrad(c: Case): tf.Tensor {
  const raw = normalValues(c.x, 5);
  const values = c.levels === undefined ? raw : raw.map((v) => Math.round(v * (c.levels as number)));
  const x = tf.tensor4d(values, c.x);
  return tf.grad((z: tf.Tensor) => {
    const y = tf.maxPool(z as tf.Tensor4D, c.filterSize, c.strides, c.pad);
    return tf.sum(tf.mul(y, tf.tensor(normalValues(y.shape, 6), y.shape)));
  })(x);
}

describe('MaxPoolGrad on wasm', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('matches the cpu backend exactly: $name', (c) => {
    const { relative } = onWasmAndCpu(() => poolGrad(c));
    // Exact (0) where windows do not overlap; overlapping windows add in another order: |wasm − cpu| /
    // max(1, max|cpu|) measured at most 8.8e-8 (ties, 3 levels); bound ≈ 11× that.
    expectArraysClose(relative.wasm, relative.cpu, 1e-6, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('routes each window gradient to its first maximum (row-major) on ties', () => {
    tf.setBackend('wasm');
    const dx = tf.tidy(() =>
      tf.grad((z: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(z as tf.Tensor4D, 2, 2, 'valid'), tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]))),
      )(tf.tensor4d([5, 5, 0, 7, 5, 5, 7, 0, 1, 2, 9, 9, 3, 3, 9, 9], [1, 4, 4, 1])),
    );
    expect(Array.from(dx.dataSync())).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 0, 0]);
    dx.dispose();
  });

  it.each([
    { path: '2×2 stride 2 (unrolled)', filterSize: 2, strides: 2 },
    { path: '2×2 stride 1 (general)', filterSize: 2, strides: 1 },
  ])('passes no gradient from windows that are all −∞ or NaN: $path', ({ filterSize, strides }) => {
    tf.setBackend('wasm');
    // Row 0 is −∞, row 1 NaN: no window has a value above −∞, so no pixel is any window's maximum.
    const x = [-Infinity, -Infinity, -Infinity, -Infinity, NaN, NaN, NaN, NaN];
    const dx = tf.tidy(() =>
      tf.grad((z: tf.Tensor) => tf.sum(tf.maxPool(z as tf.Tensor4D, filterSize, strides, 'valid')))(
        tf.tensor4d(x, [1, 2, 4, 1]),
      ),
    );
    expect(Array.from(dx.dataSync())).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    dx.dispose();
  });

  it('leaves no tensors or wasm buffers behind', () => {
    expectNoLeak(() => poolGrad(CASES[2] as Case));
  });
});
