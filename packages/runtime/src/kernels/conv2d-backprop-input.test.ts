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
  { name: 'reference conv2', x: [4, 12, 12, 16], filter: [5, 5, 16, 32], strides: 1, pad: 'valid' },
  {
    name: 'reference conv1 (1 channel: GEMM + col2im)',
    x: [2, 28, 28, 1],
    filter: [5, 5, 1, 16],
    strides: 1,
    pad: 'valid',
  },
  {
    name: '3 channels, same, stride 2 (GEMM + col2im)',
    x: [2, 9, 8, 3],
    filter: [3, 4, 3, 5],
    strides: 2,
    pad: 'same',
  },
  {
    name: '2 channels, strides [2, 3], pad 1 (GEMM + col2im)',
    x: [2, 8, 10, 2],
    filter: [3, 3, 2, 4],
    strides: [2, 3],
    pad: 1,
  },
  { name: 'same, stride 1', x: [3, 9, 8, 5], filter: [3, 4, 5, 6], strides: 1, pad: 'same' },
  { name: 'same, stride 2', x: [3, 9, 8, 5], filter: [3, 4, 5, 6], strides: 2, pad: 'same' },
  // One stride 1, the other 2: dy is dilated along one axis only.
  { name: 'same, strides [2, 1]', x: [2, 9, 8, 5], filter: [3, 4, 5, 6], strides: [2, 1], pad: 'same' },
  { name: 'same, strides [1, 2]', x: [2, 9, 8, 5], filter: [3, 4, 5, 6], strides: [1, 2], pad: 'same' },
  // A stride ≥ filter + 2 that leaves the last input rows (columns) unused: the padding after dy is large.
  {
    name: '1×1 filter, strides [3, 1], last 2 rows unused',
    x: [2, 6, 5, 4],
    filter: [1, 1, 4, 3],
    strides: [3, 1],
    pad: 'valid',
  },
  {
    name: '1×1 filter, strides [1, 3], last 2 columns unused',
    x: [2, 5, 6, 4],
    filter: [1, 1, 4, 3],
    strides: [1, 3],
    pad: 'valid',
  },
  { name: 'valid, strides [3, 2]', x: [2, 11, 10, 4], filter: [3, 3, 4, 4], strides: [3, 2], pad: 'valid' },
  { name: 'numeric pad 1, stride 2', x: [2, 7, 9, 6], filter: [3, 3, 6, 3], strides: 2, pad: 1 },
  {
    name: 'explicit pad',
    x: [2, 7, 6, 4],
    filter: [2, 3, 4, 2],
    strides: 1,
    pad: [
      [0, 0],
      [1, 1],
      [0, 2],
      [0, 0],
    ],
  },
  {
    name: 'pad beyond the filter (GEMM + col2im)',
    x: [1, 5, 5, 4],
    filter: [2, 2, 4, 3],
    strides: 1,
    pad: [
      [0, 0],
      [3, 0],
      [0, 0],
      [0, 0],
    ],
  },
  {
    name: 'floor rounding',
    x: [2, 8, 8, 4],
    filter: [3, 3, 4, 2],
    strides: 2,
    pad: 1,
    dimRoundingMode: 'floor',
  },
  {
    name: 'NCHW (stock kernel)',
    x: [2, 4, 8, 7],
    filter: [3, 2, 4, 4],
    strides: 2,
    pad: 'same',
    dataFormat: 'NCHW',
  },
  { name: '1×1 filter', x: [2, 5, 5, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'valid' },
];

/** dx by the Conv2DBackpropInput kernel of the active backend, for dy of the forward output's shape. */
function inputGrad(c: Case): tf.Tensor {
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
  const filter = tf.tensor(normalValues(c.filter, 3), c.filter);
  return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
    strides: c.strides,
    pad: c.pad,
    dataFormat: c.dataFormat ?? 'NHWC',
    dimRoundingMode: c.dimRoundingMode,
    inputShape: c.x,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('matches the cpu backend: $name', (c) => {
    const { relative, shape } = onWasmAndCpu(() => inputGrad(c));
    expect(shape).toEqual(c.x);
    // |wasm − cpu| / max(1, max|cpu|), measured: at most 7.8e-7 (reference conv2); bound ≈ 6× that.
    expectArraysClose(relative.wasm, relative.cpu, 5e-6, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('gives the closed form d/dx Σ conv(x, W) = Σ W at interior pixels (stride 1, valid)', () => {
    tf.setBackend('wasm');
    const ws = normalValues([3, 3, 4, 5], 4);
    const dx = tf.tidy(() =>
      tf.grad((x: tf.Tensor) =>
        tf.sum(tf.conv2d(x as tf.Tensor4D, tf.tensor4d(ws, [3, 3, 4, 5]), 1, 'valid')),
      )(tf.zeros([1, 7, 7, 4]) as tf.Tensor4D),
    );
    const perChannel = [0, 1, 2, 3].map((ci) => {
      let sum = 0;
      for (let k = 0; k < 9; k++) for (let co = 0; co < 5; co++) sum += ws[(k * 4 + ci) * 5 + co] as number;
      return sum;
    });
    const values = dx.dataSync();
    // Float32 gradient vs float64 sums of the same float32 weights: measured |Δ| / max(1, |e|) 1.6e-7; bound ≈ 6×.
    for (let i = 2; i <= 4; i++) {
      for (let j = 2; j <= 4; j++)
        expectArraysClose(
          values.slice((i * 7 + j) * 4, (i * 7 + j + 1) * 4),
          perChannel,
          1e-6,
          `d/dx at pixel (${i}, ${j}) vs Σ W`,
        );
    }
    dx.dispose();
  });

  it('leaves no tensors or wasm buffers behind', () => {
    expectNoLeak(() => inputGrad(CASES[3] as Case));
  });

  it('leaves no tensors or wasm buffers behind on the convolution path with a dilated dy (stride 2)', () => {
    expectNoLeak(() => inputGrad(CASES.find((c) => c.name === 'same, stride 2') as Case));
  });
});
