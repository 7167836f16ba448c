import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

/**
 * MaxPoolGrad's unrolled path assumes 2×2 windows at stride 2 starting at (0, 0) that stay inside the image. Each case
 * breaks exactly one of those conditions (the others hold and the output still fits in half the input), so a path
 * choice that ignores it reads the wrong windows.
 */
interface Case {
  name: string;
  x: [number, number, number, number];
  filterSize: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same' | number[][];
}

/** Explicit NHWC padding of the rows (top, bottom) and columns (left, right). */
const explicit = (top: number, bottom: number, left: number, right: number): number[][] => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

const CASES: Case[] = [
  {
    name: '3×2 window (height ≠ 2)',
    x: [2, 8, 8, 3],
    filterSize: [3, 2],
    strides: [2, 2],
    pad: 'valid',
  },
  {
    name: '2×3 window (width ≠ 2)',
    x: [2, 8, 8, 3],
    filterSize: [2, 3],
    strides: [2, 2],
    pad: 'valid',
  },
  {
    name: 'strides [3, 2] (row stride ≠ 2)',
    x: [2, 8, 8, 3],
    filterSize: [2, 2],
    strides: [3, 2],
    pad: 'valid',
  },
  {
    name: 'strides [2, 3] (column stride ≠ 2)',
    x: [2, 8, 8, 3],
    filterSize: [2, 2],
    strides: [2, 3],
    pad: 'valid',
  },
  {
    name: 'top padding 1 (windows start at row −1)',
    x: [2, 8, 8, 3],
    filterSize: [2, 2],
    strides: [2, 2],
    pad: explicit(1, 0, 0, 0),
  },
  {
    name: 'left padding 1 (windows start at column −1)',
    x: [2, 8, 8, 3],
    filterSize: [2, 2],
    strides: [2, 2],
    pad: explicit(0, 0, 1, 0),
  },
  {
    name: "2×2 stride 2, same, odd height only (the last row's windows are clipped)",
    x: [2, 7, 8, 3],
    filterSize: [2, 2],
    strides: [2, 2],
    pad: 'same',
  },
  {
    name: "2×2 stride 2, same, odd width only (the last column's windows are clipped)",
    x: [2, 8, 7, 3],
    filterSize: [2, 2],
    strides: [2, 2],
    pad: 'same',
  },
];

/** dx by the MaxPoolGrad kernel of the active backend (`output` is a placeholder: both kernels read dy and input). */
function poolGrad(c: Case): tf.Tensor {
  const { outShape } = tf.backend_util.computePool2DInfo(c.x, c.filterSize, c.strides, 1, c.pad as 'same');
  const input = tf.tensor4d(normalValues(c.x, 41), c.x);
  const dy = tf.tensor(normalValues(outShape, 42), outShape);
  return tf.engine().runKernel('MaxPoolGrad', { dy, input, output: tf.zeros(outShape) }, {
    filterSize: c.filterSize,
    strides: c.strides,
    pad: c.pad,
    dimRoundingMode: undefined,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('MaxPoolGrad on wasm: which path', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('matches the cpu backend: $name', (c) => {
    const { relative } = onWasmAndCpu(() => poolGrad(c));
    // Without overlap every dx is one dy value or 0 on both backends: measured equal, bit for bit. A wrong path
    // routes whole dy values to other pixels: errors of order 1.
    expectArraysClose(relative.wasm, relative.cpu, 0, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('leaves no tensors or wasm buffers behind on either path', () => {
    expectNoLeak(() => CASES.map(poolGrad));
  });
});
