import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { expectNoLeak, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(useWasmWithKernels);

  it('sums rows by segment id (closed form)', () => {
    tf.setBackend('wasm');
    const out = tf.tidy(() =>
      tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]),
        tf.tensor1d([2, 0, 2, 1], 'int32'),
        3,
      ),
    );
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 7, 8, 6, 8]);
    out.dispose();
  });

  it('drops ids outside [0, numSegments), as TensorFlow does', () => {
    tf.setBackend('wasm');
    const out = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor1d([1, 10, 100]), tf.tensor1d([0, 5, -1], 'int32'), 2),
    );
    expect(Array.from(out.dataSync())).toEqual([1, 0]);
    out.dispose();
  });

  it('matches the cpu backend as the gradient of gather (2-D ids, 3-D values)', () => {
    const values = normalValues([6, 3, 2], 9);
    const { wasm, cpu } = onWasmAndCpu(() =>
      tf.grad((t: tf.Tensor) =>
        tf.sum(tf.square(tf.gather(t, tf.tensor2d([5, 0, 5, 2, 2, 5], [2, 3], 'int32')))),
      )(tf.tensor3d(values, [6, 3, 2])),
    );
    // Measured: equal, bit for bit — each segment adds copies of one value (2t), which no order changes.
    expectArraysClose(wasm, cpu, 0, 'gather gradient: wasm vs cpu');
  });

  it('names the kernel and the argument for non-float32 values', () => {
    tf.setBackend('wasm');
    expect(() =>
      tf.unsortedSegmentSum(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([0, 0], 'int32'), 1),
    ).toThrow("UnsortedSegmentSum (OpenBox wasm kernel): argument 'x' must be float32, got int32.");
  });

  it('leaves no tensors or wasm buffers behind', () => {
    expectNoLeak(() => tf.unsortedSegmentSum(tf.ones([5, 4]), tf.tensor1d([0, 1, 0, 3, 3], 'int32'), 4));
  });
});
