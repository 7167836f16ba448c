import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromLayersModel, SCORE_CHUNK_ROWS } from './from-layers-model.js';
import { randomMatrix, setupBackend, smallMlp } from '../test-models.js';

beforeAll(setupBackend);

describe('fromLayersModel scores', () => {
  it('across a chunk boundary (one reused float32 buffer) equals one predict per row block, leaving no tensor', () => {
    const model = smallMlp(3, [4], 2, 1);
    const clf = fromLayersModel(model);
    const rows = SCORE_CHUNK_ROWS + 5;
    const x = randomMatrix(rows, 3, 2);
    clf.scores(x);
    const before = tf.memory().numTensors;
    const scores = clf.scores(x);
    expect(tf.memory().numTensors).toBe(before);
    // The reference: each block's logits from its own float32 copy (no shared buffer), on the cpu backend that
    // keeps the input array — a buffer refilled too early would change the first chunk's results.
    const expected = new Float64Array(rows * 2);
    for (const [start, end] of [
      [0, SCORE_CHUNK_ROWS],
      [SCORE_CHUNK_ROWS, rows],
    ] as const) {
      const block = tf.tensor2d(Float32Array.from(x.data.subarray(start * 3, end * 3)), [end - start, 3]);
      const z = clf.adapter.logits(block);
      expected.set(z.dataSync(), start * 2);
      tf.dispose([block, z]);
    }
    // Identical float32 arithmetic on both sides: equal bit for bit.
    expect(scores).toEqual(expected);
    model.dispose();
  });
});
