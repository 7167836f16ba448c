import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { explainedOutput, type OutputOptions } from '../core/explained-output.js';
import type { Explanation } from '../core/explanation.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { MESSAGES } from '../messages.js';
import { exactShapley } from '../shapley/exact-shapley.js';
import { randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { exactShapleyInWorkers, rowBlocks } from './exact-shapley-in-workers.js';

afterEach(() => vi.restoreAllMocks());

/** The bytes of a Float64Array: equal bytes = equal bit for bit (−0 and NaN payloads included). */
const bytes = (a: Float64Array | undefined) => Buffer.from(a!.buffer, a!.byteOffset, a!.byteLength);

function expectSameBits(got: Explanation, want: Explanation): void {
  expect({ ...got, values: 0, predictions: 0, delta: 0 }).toEqual({
    ...want,
    values: 0,
    predictions: 0,
    delta: 0,
  });
  expect(Object.is(got.baseValue, want.baseValue)).toBe(true);
  for (const key of ['values', 'predictions', 'delta'] as const)
    expect(bytes(got[key]).equals(bytes(want[key])), key).toBe(true);
}

// 7 rows: not divisible by 2 or 3; background 6 rows, d ≤ 5 (2^5 coalitions).
const x = randomMatrix(7, 5, 1);
const background = randomMatrix(6, 5, 2);
const oneThread = (model: tfl.LayersModel, output: OutputOptions) =>
  exactShapley.explain(explainedOutput(fromLayersModel(model), output), x, {
    background,
  });

describe('rowBlocks', () => {
  it.each([
    [7, 1, [[0, 7]]],
    [
      7,
      2,
      [
        [0, 4],
        [4, 7],
      ],
    ],
    [
      7,
      3,
      [
        [0, 3],
        [3, 5],
        [5, 7],
      ],
    ],
    [
      2,
      2,
      [
        [0, 1],
        [1, 2],
      ],
    ],
  ])('%i rows in %i blocks', (rows, parts, want) => expect(rowBlocks(rows, parts)).toEqual(want));
});

describe('exactShapleyInWorkers', () => {
  let sigmoid: tfl.LayersModel;
  let softmax: tfl.LayersModel;
  let wide: tfl.LayersModel;
  beforeAll(async () => {
    await setupBackend();
    sigmoid = smallMlp(5, [8, 4], 1, 3);
    softmax = smallMlp(5, [6], 3, 4);
    wide = smallMlp(17, [], 1, 5);
  });

  it.each([1, 2, 3])(
    'equals the one-thread call bit for bit with %i workers, terminates them all, leaves no tensors',
    async (workers) => {
      const terminate = vi.spyOn(Worker.prototype, 'terminate');
      const before = tf.memory().numTensors;
      // 3 workers: the backend left to its default, the one tf uses now (cpu).
      const backend = workers === 3 ? {} : ({ backend: 'cpu' } as const);
      const e = await exactShapleyInWorkers(sigmoid, x, { background, workers, ...backend });
      expectSameBits(e, oneThread(sigmoid, {}));
      expect(terminate).toHaveBeenCalledTimes(workers);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('equals it for a softmax target in logits, a small batch splitting coalitions, more workers than rows', async () => {
    const output = { target: 2, output: 'logit' } as const;
    const few = { data: x.data.subarray(0, 2 * 5), rows: 2, cols: 5 };
    const e = await exactShapleyInWorkers(softmax, few, { ...output, background, workers: 3, batchRows: 5 });
    const want = exactShapley.explain(explainedOutput(fromLayersModel(softmax), output), few, {
      background,
      batchRows: 5,
    });
    expectSameBits(e, want);
    expect(e.rows).toBe(2);
  });

  it('rejects with a worker’s own error message and terminates every worker', async () => {
    const broken = { class_name: 'NoSuchLayer', config: {} };
    const want = await tfl.models.modelFromJSON(broken).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(want).not.toBe('no error');
    vi.spyOn(sigmoid, 'toJSON').mockReturnValue(broken as never);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const before = tf.memory().numTensors;
    await expect(exactShapleyInWorkers(sigmoid, x, { background, workers: 2 })).rejects.toThrow(want);
    expect(terminate).toHaveBeenCalledTimes(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a target out of range', 'softmax', { target: 3 }],
    ['d > 16', 'wide', {}],
    ['batchRows 0', 'sigmoid', { batchRows: 0 }],
  ] as const)('rejects %s with the one-thread message, starting no worker', async (_, name, extra) => {
    const model = { sigmoid, softmax, wide }[name];
    const rows = model === wide ? randomMatrix(2, 17, 6) : x;
    const bg = model === wide ? randomMatrix(2, 17, 7) : background;
    const { batchRows, ...output } = extra as { batchRows?: number } & OutputOptions;
    let want = '';
    try {
      exactShapley.explain(explainedOutput(fromLayersModel(model), output), rows, {
        background: bg,
        ...(batchRows === undefined ? {} : { batchRows }),
      });
    } catch (e) {
      want = (e as Error).message;
    }
    expect(want).toMatch(/^(explainedOutput|exactShapley): /);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    await expect(
      exactShapleyInWorkers(model, rows, { background: bg, workers: 2, ...extra }),
    ).rejects.toThrow(want);
    expect(terminate).not.toHaveBeenCalled();
  });

  it.each([
    [{ workers: 0 }, MESSAGES.workerCount('exactShapleyInWorkers', 0)],
    [{ workers: 65 }, MESSAGES.workerCount('exactShapleyInWorkers', 65)],
    [{ workers: 1.5 }, MESSAGES.workerCount('exactShapleyInWorkers', 1.5)],
    [{ backend: 'webgl' }, MESSAGES.workerBackend('exactShapleyInWorkers', 'webgl')],
  ])('rejects options %o', async (extra, message) => {
    await expect(exactShapleyInWorkers(sigmoid, x, { background, ...(extra as object) })).rejects.toThrow(
      message,
    );
  });
});
