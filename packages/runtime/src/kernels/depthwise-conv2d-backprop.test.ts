import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
}

const CASES: Case[] = [
  { name: 'MobileNet-like 3×3, same', x: [2, 14, 14, 8], filter: [3, 3, 8, 1], strides: 1, pad: 'same' },
  { name: '3×3 stride 2, same', x: [2, 9, 8, 4], filter: [3, 3, 4, 1], strides: 2, pad: 'same' },
  // One stride 1, the other 2: the stock path dilates dy along one axis only.
  { name: '3×3 strides [1, 2], same', x: [2, 9, 8, 4], filter: [3, 3, 4, 1], strides: [1, 2], pad: 'same' },
  { name: '3×3 strides [2, 1], same', x: [2, 9, 8, 4], filter: [3, 3, 4, 1], strides: [2, 1], pad: 'same' },
  {
    name: 'multiplier 3, valid, strides [2, 1]',
    x: [2, 7, 6, 2],
    filter: [2, 3, 2, 3],
    strides: [2, 1],
    pad: 'valid',
  },
  {
    name: '5×5 stride 2, valid (stock depthwise path)',
    x: [2, 11, 10, 3],
    filter: [5, 5, 3, 1],
    strides: 2,
    pad: 'valid',
  },
  {
    name: '3×3 numeric pad 3 (beyond the filter: loop)',
    x: [1, 5, 6, 2],
    filter: [3, 3, 2, 1],
    strides: 1,
    pad: 3,
  },
  { name: 'numeric pad 1, multiplier 2', x: [1, 6, 5, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1 },
];

/** The depthwise gradient of sum(depthwiseConv2d(x, W) ⊙ R) with respect to x and to W, concatenated. */
function gradients(c: Case): tf.Tensor {
  const x = tf.tensor4d(normalValues(c.x, 31), c.x);
  const w = tf.tensor4d(normalValues(c.filter, 32), c.filter);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
    const y = tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
    return tf.sum(tf.mul(y, tf.tensor(normalValues(y.shape, 33), y.shape)));
  })([x, w]);
  return tf.concat([tf.reshape(dx as tf.Tensor, [-1]), tf.reshape(dw as tf.Tensor, [-1])]);
}

describe('DepthwiseConv2dNativeBackpropInput / Filter on wasm', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('match the cpu backend: $name', (c) => {
    const { wasm, relative } = onWasmAndCpu(() => gradients(c));
    expect(wasm.length).toBe(tf.util.sizeFromShape(c.x) + tf.util.sizeFromShape(c.filter));
    // |wasm − cpu| / max(1, max|cpu|), measured: at most 8.2e-8 (3×3 strides [2, 1]); bound ≈ 6× that.
    expectArraysClose(relative.wasm, relative.cpu, 5e-7, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('give the closed forms for Σ depthwiseConv2d(x, W) (valid, stride 1)', () => {
    tf.setBackend('wasm');
    // x = 1 everywhere on a 4×4×2 image, 2×2 filter: each tap sees 3×3 outputs; interior pixels see all 4 taps.
    const w = [1, 10, 2, 20, 3, 30, 4, 40];
    const [dx, dw] = tf.tidy(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid')),
      )([tf.ones([1, 4, 4, 2]), tf.tensor4d(w, [2, 2, 2, 1])]),
    ) as [tf.Tensor, tf.Tensor];
    expect(Array.from(dw.dataSync())).toEqual([9, 9, 9, 9, 9, 9, 9, 9]);
    const interior = dx.dataSync().slice((1 * 4 + 1) * 2, (1 * 4 + 1) * 2 + 2);
    expect(Array.from(interior)).toEqual([1 + 2 + 3 + 4, 10 + 20 + 30 + 40]);
    tf.dispose([dx, dw]);
  });

  it('leave no tensors or wasm buffers behind', () => {
    expectNoLeak(() => gradients(CASES[1] as Case));
  });
});
