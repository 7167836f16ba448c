import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { linearUnitModel, setupBackend } from '../test-models.js';
import { filterGrid } from './filter-grid.js';
import { HAND_FILTERS, handConvModel } from './test-hand-conv.js';

beforeAll(setupBackend);

describe('filterGrid on a hand-set 2×3 RGB conv', () => {
  it('rows carry (y, x, channel) of index (y·kw + x)·cin + c; a constant filter maps to 0.5; default per-filter', () => {
    const before = tf.memory().numTensors;
    const model = handConvModel(HAND_FILTERS, 2, 3, 3);
    const grid = filterGrid(model);
    expect(grid.scaling).toBe('per-filter');
    expect(grid.layer).toBe('hand');
    expect(grid.kernelSize).toEqual([2, 3]);
    expect(grid.channels).toBe(3);
    expect(grid.rows).toHaveLength(4 * 18);
    grid.rows.forEach((r, j) => {
      const f = Math.floor(j / 18);
      const i = j % 18;
      expect([r.filter, r.y, r.x, r.channel]).toEqual([f, Math.floor(i / 9), Math.floor(i / 3) % 3, i % 3]);
      expect(r.weight).toBe(Math.fround(HAND_FILTERS[f]![i]!));
    });
    // Filter 1 is all zero (hi = lo): every pixel 0.5. Filter 2 is 0.1 + 0.05 i: (w − lo)/(hi − lo) = i / 17 in float64
    // of float32 weights, measured 6.7e-8; tolerance 5e-7.
    expectArraysClose(grid.filters[1]!.pixels, new Float32Array(18).fill(0.5), 0, 'constant filter');
    expectArraysClose(
      grid.filters[2]!.pixels,
      Float32Array.from({ length: 18 }, (_, i) => i / 17),
      5e-7,
      'ramp',
    );
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a model without Conv2D throws, naming filterGrid', () => {
    const model = linearUnitModel(new Float32Array(4), 2, 2, 1);
    expect(() => filterGrid(model)).toThrow('filterGrid: the model has no Conv2D layer. Layers: flat, unit.');
    model.dispose();
  });
});
