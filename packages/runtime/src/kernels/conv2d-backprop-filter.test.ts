import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { FILTER_GRAD_ROUTES, filterGradRoute, type FilterGradRoute } from './conv2d-backprop-filter.js';
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
  {
    name: 'batch 1, 1 channel, same, stride 2, odd',
    x: [1, 9, 7, 1],
    filter: [3, 3, 1, 2],
    strides: 2,
    pad: 'same',
  },
  { name: '4 channels, 1 output, odd', x: [1, 7, 9, 4], filter: [4, 3, 4, 1], strides: [1, 2], pad: 'valid' },
  { name: 'RGB, same, stride 2', x: [2, 11, 10, 3], filter: [3, 3, 3, 8], strides: 2, pad: 'same' },
];

const ROUTES = Object.keys(FILTER_GRAD_ROUTES) as FilterGradRoute[];

/** The cpu backend's dW per case, computed once for both routes. */
const cpuResults = new Map<string, Float32Array>();
function cpuFilterGrad(c: Case): Float32Array {
  const known = cpuResults.get(c.name);
  if (known !== undefined) return known;
  tf.setBackend('cpu');
  const out = tf.tidy(() => filterGrad(c));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  cpuResults.set(c.name, values);
  return values;
}

/** The forward convolution's geometry. */
function geometry(c: Case): tf.backend_util.Conv2DInfo {
  const format = c.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast';
  return tf.backend_util.computeConv2DInfo(
    c.x,
    c.filter,
    c.strides,
    1,
    c.pad as 'same',
    c.dimRoundingMode,
    false,
    format,
  );
}

/** dW by the Conv2DBackpropFilter kernel of the active backend, for dy of the forward output's shape. */
function filterGrad(c: Case): tf.Tensor {
  const x = tf.tensor4d(normalValues(c.x, 1), c.x);
  const { outShape } = geometry(c);
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

  // Each route on every case, whichever the kernel would pick: both are exact formulations, so both must match.
  it.each(ROUTES.flatMap((route) => CASES.map((c) => ({ route, ...c }))))(
    'route $route matches the cpu backend: $name',
    ({ route, ...c }) => {
      const info = geometry(c);
      tf.setBackend('wasm');
      const backend = tf.backend() as BackendWasm;
      const [x, dy] = [
        tf.tensor4d(normalValues(c.x, 1), c.x),
        tf.tensor(normalValues(info.outShape, 2), info.outShape),
      ];
      const out = FILTER_GRAD_ROUTES[route](backend, x, dy, info, c.dataFormat !== 'NCHW');
      const wasm = backend.readSync(out.dataId) as Float32Array;
      expect(out.shape).toEqual(c.filter);
      backend.disposeData(out.dataId);
      tf.dispose([x, dy]);
      const cpu = cpuFilterGrad(c);
      const scale = Math.max(1, ...cpu.map(Math.abs));
      // Same bound as the kernel's: |wasm − cpu| / max(1, max|cpu|) ≤ 1e-5 (float32 sums in another order).
      const rel = (v: Float32Array) => Float64Array.from(v, (e) => e / scale);
      expectArraysClose(rel(wasm), rel(cpu), 1e-5, `${route}, ${c.name}: wasm vs cpu, ÷ max|cpu|`);
    },
  );

  it('takes the GEMM route below 4 input channels and the convolution from 4 on', () => {
    const pick = (ci: number) =>
      filterGradRoute(geometry({ ...(CASES[0] as Case), x: [1, 9, 9, ci], filter: [3, 3, ci, 2] }));
    expect([1, 2, 3, 4, 16].map(pick)).toEqual(['gemm', 'gemm', 'gemm', 'conv', 'conv']);
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

  it('leaves no tensors or wasm buffers behind on the GEMM route (NCHW, padded)', () => {
    expectNoLeak(() => filterGrad(CASES.find((c) => c.name === 'NCHW') as Case));
  });

  it('leaves no tensors or wasm buffers behind when the convolution route slices the correlation', () => {
    const strided = CASES.find((c) => c.name === 'valid, strides [3, 2]') as Case;
    expectNoLeak(() => filterGrad({ ...strided, x: [2, 11, 10, 4], filter: [3, 3, 4, 4] }));
  });
});
