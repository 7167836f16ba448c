import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '@openbox/datasets';
import { initBackend } from '@openbox/runtime';
import { resolveBaseline } from './baseline.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => initBackend());

describe('resolveBaseline', () => {
  const x = () => tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]);

  it('absent and named kinds pass through', async () => {
    const t = x();
    expect(await resolveBaseline(undefined, t, false, [2, 2, 1])).toBeUndefined();
    expect(await resolveBaseline('zeros', t, false, [2, 2, 1])).toBe('zeros');
    expect(await resolveBaseline('blur', t, false, [2, 2, 1])).toBe('blur');
    t.dispose();
  });

  it('mean without --digits: the mean of the inputs, [1, h, w, c]', async () => {
    const t = x();
    const b = (await resolveBaseline('mean', t, false, [2, 2, 1])) as tf.Tensor;
    expect(b.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(b.dataSync())).toEqual([3, 4, 5, 6]);
    tf.dispose([t, b]);
  });

  it('mean with --digits: the mean MNIST training digit (against a float64 mean)', async () => {
    const t = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    const b = (await resolveBaseline('mean', t, true, [28, 28, 1])) as tf.Tensor;
    const { train } = loadMnist();
    const n = train.shape[0]!;
    const expected = new Float64Array(784);
    for (let r = 0; r < n; r++) for (let p = 0; p < 784; p++) expected[p]! += train.features[r * 784 + p]!;
    const got = b.dataSync();
    // float32 sums of 8,000 values in [0, 1]: relative rounding ≈ n · 2^-24 ≈ 5e-4 at worst; 1e-4 absolute is ample.
    for (let p = 0; p < 784; p++) expect(Math.abs(got[p]! - expected[p]! / n)).toBeLessThan(1e-4);
    tf.dispose([t, b]);
  });

  it('a file: one image becomes [1, h, w, c], an array of images [m, h, w, c]', async () => {
    const one = join(dir, 'one.json');
    writeFileSync(one, '[[[0],[1]],[[2],[3]]]');
    const many = join(dir, 'many.json');
    writeFileSync(many, '[[[[0],[1]],[[2],[3]]],[[[4],[5]],[[6],[7]]],[[[8],[9]],[[1],[1]]]]');
    const t = x();
    const b1 = (await resolveBaseline(one, t, false, [2, 2, 1])) as tf.Tensor;
    const b3 = (await resolveBaseline(many, t, false, [2, 2, 1])) as tf.Tensor;
    expect(b1.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(b1.dataSync())).toEqual([0, 1, 2, 3]);
    expect(b3.shape).toEqual([3, 2, 2, 1]);
    await expect(resolveBaseline(join(dir, 'none.json'), t, false, [2, 2, 1])).rejects.toThrow(
      `--baseline: images file "${join(dir, 'none.json')}" does not exist.`,
    );
    tf.dispose([t, b1, b3]);
  });
});
