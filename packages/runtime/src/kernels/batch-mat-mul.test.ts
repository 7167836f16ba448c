import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

interface Case {
  name: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const CASES: Case[] = [
  { name: 'dense weight gradient xᵀ·dy', a: [64, 512], b: [64, 10], transposeA: true, transposeB: false },
  { name: 'dense input gradient dy·Wᵀ', a: [64, 10], b: [512, 10], transposeA: false, transposeB: true },
  { name: 'both transposed', a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
  { name: 'plain (stock path)', a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { name: 'batched, transposeA', a: [3, 6, 4], b: [3, 6, 5], transposeA: true, transposeB: false },
  { name: 'broadcast batch, transposeB', a: [2, 3, 4, 6], b: [1, 5, 6], transposeA: false, transposeB: true },
];

function product(c: Case): tf.Tensor {
  const a = tf.tensor(normalValues(c.a, 7), c.a);
  const b = tf.tensor(normalValues(c.b, 8), c.b);
  return tf.matMul(a, b, c.transposeA, c.transposeB);
}

describe('BatchMatMul on wasm', () => {
  beforeAll(useWasmWithKernels);

  it.each(CASES)('matches the cpu backend: $name', (c) => {
    const { relative } = onWasmAndCpu(() => product(c));
    // |wasm − cpu| / max(1, max|cpu|), measured: at most 3.1e-7 (dense weight gradient); bound ≈ 6× that.
    expectArraysClose(relative.wasm, relative.cpu, 2e-6, `${c.name}: wasm vs cpu, ÷ max|cpu|`);
  });

  it('gives Aᵀ·Bᵀ = (B·A)ᵀ exactly on small integers', () => {
    tf.setBackend('wasm');
    const out = tf.tidy(() => {
      const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
      const b = tf.tensor2d([1, 0, 2, -1, 1, 0], [2, 3]);
      return tf.matMul(a, b, true, true);
    });
    // Aᵀ = [[1,3,5],[2,4,6]], Bᵀ = [[1,-1],[0,1],[2,0]] → [[11, 2], [14, 2]].
    expect(Array.from(out.dataSync())).toEqual([11, 2, 14, 2]);
    out.dispose();
  });

  it('leaves no tensors or wasm buffers behind', () => {
    expectNoLeak(() => CASES.map(product));
  });
});
