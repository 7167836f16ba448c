import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';
import { readAndDispose, scoped } from './scoped.js';
import { tensorGrowth } from './tensor-growth.js';

describe('tensorGrowth and scoped', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('is 0 for a function that disposes everything, and counts leaks otherwise', async () => {
    const x = tf.ones([4]);
    expect(await tensorGrowth(() => scoped(() => tf.sum(tf.square(x))), 5)).toBe(0);
    const leaked: tf.Tensor[] = [];
    expect(await tensorGrowth(() => void leaked.push(tf.square(x)), 4)).toBe(4);
    tf.dispose([x, ...leaked]);
  });

  it('scoped keeps only what it returns; readAndDispose reads and frees', async () => {
    const before = tf.memory().numTensors;
    const out = scoped(() => tf.add(tf.ones([3]), tf.ones([3])));
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(Array.from(await readAndDispose(out))).toEqual([2, 2, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scoped refuses a typed array result', () => {
    expect(() => scoped(() => tf.ones([2]).dataSync() as unknown as tf.Tensor)).toThrow(
      'scoped: the function returned a typed array',
    );
  });

  it('rejects a bad repeat count', async () => {
    await expect(tensorGrowth(() => 0, 0)).rejects.toThrow(
      'tensorGrowth: repeats must be a positive integer, got 0.',
    );
  });
});
