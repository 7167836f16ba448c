import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@openbox/runtime';
import { CommandError } from '../errors.js';
import { attributionReport } from './report.js';

beforeAll(() => initBackend());

describe('attributionReport', () => {
  it('nests the attributions, lists deltas, and keeps the flat values for drawing', () => {
    const attributions = tf.tensor4d([1, -2, 3, 4], [2, 1, 2, 1]);
    const delta = tf.tensor1d([0.5, -0.25]);
    const { report, flat } = attributionReport('m', [3, 7], { attributions, delta });
    expect(report).toEqual({
      method: 'm',
      targets: [3, 7],
      attributions: [[[[1], [-2]]], [[[3], [4]]]],
      delta: [0.5, -0.25],
    });
    expect(Array.from(flat)).toEqual([1, -2, 3, 4]);
    tf.dispose([attributions, delta]);
  });

  it.each<[string, number[], number[], string]>([
    ['NaN attribution of input 1', [1, 2, NaN, 4], [0, 0], 'attributions (NaN or Infinity) for input 1'],
    ['Infinite delta of input 0', [1, 2, 3, 4], [Infinity, 0], 'deltas (NaN or Infinity) for input 0'],
  ])('%s: a CommandError naming the input', (_, values, deltas, part) => {
    const attributions = tf.tensor4d(values, [2, 1, 2, 1]);
    const delta = tf.tensor1d(deltas);
    expect(() => attributionReport('ig', [0, 0], { attributions, delta })).toThrow(
      new CommandError(
        'non-finite-output',
        `ig gave non-finite ${part}; JSON cannot hold them, so nothing was written.`,
      ),
    );
    tf.dispose([attributions, delta]);
  });
});
