import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

type Pad = 'valid' | 'same' | number | number[][];
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const CASES: Case[] = [
  { name: 'reference conv1', x: [4, 28, 28, 1], filter: [5, 5, 1, 16], strides: 1, pad: 'valid' },
  { name: 'reference conv2', x: [4, 12, 12, 16], filter: [5, 5, 16, 32], strides: 1, pad: 'valid' },
  { name: 'same, stride 1', x: [3, 9, 8, 5], filter: [3, 4, 5, 6], strides: 1, pad: 'same' },
  { name: 'same, stride 2', x: [3, 9, 8, 5], filter: [3, 4, 5, 6], strides: 2, pad: 'same' },
  { name: 'valid, strides [3, 2]', x: [2, 11, 10, 3], filter: [3, 3, 3, 4], strides: [3, 2], pad: 'valid' },
  // The last input row (column) is unused: the correlation is one row (column) too tall (wide) and is sliced, while
  // the other axis fits exactly.
  {
    name: 'valid, strides [2, 1], last row unused',
    x: [2, 8, 7, 3],
    filter: [3, 3, 3, 4],
    strides: [2, 1],
    pad: 'valid',
  },
  {
    name: 'valid, strides [1, 2], last column unused',
    x: [2, 7, 8, 3],
    filter: [3, 3, 3, 4],
    strides: [1, 2],
    pad: 'valid',
  },
  { name: 'numeric pad 1, stride 2', x: [2, 7, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 1 },
  {
    name: 'explicit pad',
    x: [2, 7, 6, 3],
    filter: [2, 3, 3, 2],
    strides: 1,
    pad: [
      [0, 0],
      [2, 1],
      [0, 3],
      [0, 0],
    ],
  },
  {
    name: 'floor rounding',
    x: [2, 8, 8, 2],
    filter: [3, 3, 2, 2],
    strides: 2,
    pad: 1,
    dimRoundingMode: 'floor',
  },
  { name: 'NCHW', x: [2, 3, 8, 7], filter: [3, 2, 3, 4], strides: 2, pad: 'same', dataFormat: 'NCHW' },
  { name: '1×1 filter', x: [2, 5, 5, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'valid' },
];

/** dW by the Conv2DBackpropFilter kernel of the active backend, for dy of the forward output's shape. */
function filterGrad(c: Case): tf.Tensor {
  const x = tf.tensor4d(normalValues(c.x, 1), c.x);
  const format = c.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast';
  const { outShape } = tf.backend_util.computeConv2DInfo(
    c.x,
    c.filter,
    c.strides,
    1,
    c.pad as 'same',
    c.dimRoundingMode,
    false,
    format,
  );
  const dy = tf.tensor(normalValues(outShape, 2), outShape);
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
    strides: c.strides,
    pad: c.pad,
    dataFormat: c.dataFormat ?? 'NHWC',
    dimRoundingMode: c.dimRoundingMode,
    filterShape: c.filter,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('matches the cpu backend: $name', (c) => {
    const { relative, shape } = onWasmAndCpu(() => filterGrad(c));
    expect(shape).toEqual(c.filter);
    // |wasm − cpu| / max(1, max|cpu|), measured: at most 1.6e-6 (reference conv1); bound ≈ 6× that.
    expectArraysClose(relative.wasm, relative.cpu, 1e-5, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('gives the closed form d/dW Σ conv(x, W) = Σ of x over each filter offset', () => {
    tf.setBackend('wasm');
    const xs = normalValues([2, 6, 5, 1], 3);
    const dw = tf.tidy(() =>
      tf.grad((w: tf.Tensor) =>
        tf.sum(tf.conv2d(tf.tensor4d(xs, [2, 6, 5, 1]), w as tf.Tensor4D, 1, 'valid')),
      )(tf.zeros([2, 3, 1, 1]) as tf.Tensor4D),
    );
    const expected: number[] = [];
    for (let a = 0; a < 2; a++) {
      for (let b = 0; b < 3; b++) {
        let sum = 0;
        for (let n = 0; n < 2; n++) {
          for (let i = 0; i < 5; i++)
            for (let j = 0; j < 3; j++) sum += xs[(n * 6 + i + a) * 5 + j + b] as number;
        }
        expected.push(sum);
      }
    }
    // Float32 gradient vs float64 sums of the same float32 inputs: measured |Δ| / max(1, |e|) 2.7e-7; bound ≈ 7×.
    expectArraysClose(dw.dataSync(), expected, 2e-6, 'd/dW Σ conv vs Σ x');
    dw.dispose();
  });

  it('leaves no tensors or wasm buffers behind', () => {
    expectNoLeak(() => filterGrad(CASES[3] as Case));
  });

  it('leaves no tensors or wasm buffers behind when it slices the correlation', () => {
    expectNoLeak(() => filterGrad(CASES.find((c) => c.name === 'valid, strides [3, 2]') as Case));
  });
});
