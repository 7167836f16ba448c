import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { im2colTransposed } from './im2col.js';
import { liveCounts, normalValues, useWasmWithKernels } from './test-backends.js';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
}

const CASES: Case[] = [
  { name: 'reference conv1 (batch 2)', x: [2, 28, 28, 1], filter: [5, 5], strides: 1, pad: 'valid' },
  { name: 'same, stride 1, 3 channels', x: [2, 7, 6, 3], filter: [3, 4], strides: 1, pad: 'same' },
  { name: 'same, strides [2, 3], odd', x: [1, 9, 11, 2], filter: [3, 3], strides: [2, 3], pad: 'same' },
  { name: 'pad beyond the filter', x: [1, 4, 5, 1], filter: [2, 2], strides: 1, pad: 3 },
];

/** colsT[(a, c, ch), (b, i, j)] = x[b, i·sh − top + a, j·sw − left + c, ch], 0 outside: written out. */
function bruteForce(x: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const out = new Float32Array(kh * kw * ci * n * oh * ow);
  let k = 0;
  for (let a = 0; a < kh; a++)
    for (let c = 0; c < kw; c++)
      for (let ch = 0; ch < ci; ch++)
        for (let b = 0; b < n; b++)
          for (let i = 0; i < oh; i++)
            for (let j = 0; j < ow; j++, k++) {
              const r = i * sh - padInfo.top + a;
              const s = j * sw - padInfo.left + c;
              if (r >= 0 && r < h && s >= 0 && s < w) out[k] = x[((b * h + r) * w + s) * ci + ch] as number;
            }
  return out;
}

describe('im2colTransposed', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('equals the written-out definition exactly: $name', (c) => {
    tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const info = tf.backend_util.computeConv2DInfo(c.x, [...c.filter, c.x[3], 1], c.strides, 1, c.pad);
    const values = normalValues(c.x, 7);
    const xT = tf.tidy(() => tf.transpose(tf.tensor4d(values, c.x), [3, 0, 1, 2]));
    const before = liveCounts();
    const cols = im2colTransposed(backend, xT, info);
    expect(cols.shape).toEqual([c.filter[0] * c.filter[1] * c.x[3], c.x[0] * info.outHeight * info.outWidth]);
    const got = backend.readSync(cols.dataId) as Float32Array;
    backend.disposeData(cols.dataId);
    expect(liveCounts()).toEqual(before);
    xT.dispose();
    // Copies only: bit for bit.
    expect(Array.from(got)).toEqual(Array.from(bruteForce(values, info)));
  });
});
