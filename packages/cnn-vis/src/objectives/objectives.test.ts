import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import type { Activations } from '@openbox/runtime';
import { channel } from './channel.js';
import { classLogit } from './class-logit.js';
import { deepDream } from './deep-dream.js';
import { direction } from './direction.js';
import { diversity } from './diversity.js';
import { neuron } from './neuron.js';
import { negate, scale, sum, type Objective } from './objective.js';

beforeAll(setupBackend);

/**
 * Hand-set activations, each plane written as [y][x]:
 * `conv` is [2, 2, 3, 2] (B, H, W, C); `dense` [2, 3]; `logits` [2, 3].
 */
const CONV = [
  // item 0: channel 0 sums to 21 (mean 3.5, Σa² 91), channel 1 to 3 (mean 0.5, Σa² 31).
  {
    c0: [
      [1, 2, 3],
      [4, 5, 6],
    ],
    c1: [
      [0, -1, 2],
      [1, 4, -3],
    ],
  },
  // item 1: channel 0 sums to 3 (mean 0.5, Σa² 19), channel 1 to 12 (mean 2, Σa² 72).
  {
    c0: [
      [-1, 0, 1],
      [2, -2, 3],
    ],
    c1: [
      [3, 3, 3],
      [0, 6, -3],
    ],
  },
];
const DENSE = [
  [1, 2, 3],
  [4, 5, 6],
];
const LOGITS = [
  [0.5, -1, 2],
  [4, 1.5, -3],
];

/** The activations as tensors, `[B, H, W, C]` for conv (channels last). */
function activations(): Activations {
  const conv = CONV.map(({ c0, c1 }) => c0.map((row, y) => row.map((v, x) => [v, c1[y]![x]!])));
  return { conv: tf.tensor4d(conv), dense: tf.tensor2d(DENSE), logits: tf.tensor2d(LOGITS) };
}

/** `objective.evaluate` on `acts` (disposed), read back. */
function evaluate(objective: Objective, acts: Activations, batchSize: number): Float32Array {
  const out = tf.tidy(() => objective.evaluate(acts, batchSize));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  tf.dispose(Object.values(acts));
  return values;
}

// Expected values worked out by hand from the tables above (each objective's doc formula). The activations are small
// integers, so float32 gives most of them exactly: measured max error 7.4e-8 (the sum with deepDream's 61/12);
// tolerance 1e-6 (13×).
const CASES: [string, Objective, readonly number[]][] = [
  // (1/HW) Σ a[b, y, x, c_b]: item 0 channel 0 → 21/6; item 1 channel 1 → 12/6.
  ['channel, one per item', channel('conv', [0, 1]), [3.5, 2]],
  // channel 1 for both items: 3/6 and 12/6.
  ['channel, one for all', channel('conv', 1), [0.5, 2]],
  // A dense layer's channel is the unit itself: dense[0][2], dense[1][0].
  ['channel of a dense layer', channel('dense', [2, 0]), [3, 4]],
  // a[b, y = 1, x = 2, c_b]: item 0 channel 1 → −3; item 1 channel 0 → 3 (x is the column, y the row).
  ['neuron at (x 2, y 1)', neuron('conv', [1, 0], { x: 2, y: 1 }), [-3, 3]],
  // The default position is the centre (x = ⌊3/2⌋ = 1, y = ⌊2/2⌋ = 1): channel 0 → 5 and −2.
  ['neuron at the centre', neuron('conv', 0), [5, -2]],
  // (1/HW) Σ ⟨a, v⟩ with v = (2, −1), not normalized: 2·3.5 − 0.5 and 2·0.5 − 2 (‖v‖ = √5 would give 2.907, −0.447).
  ['direction, one for all', direction('conv', [2, -1]), [6.5, -1]],
  // v_0 = (1, 0) → 3.5; v_1 = (0, 3) → 3·2.
  [
    'direction, one per item',
    direction('conv', [
      [1, 0],
      [0, 3],
    ]),
    [3.5, 6],
  ],
  // ⟨dense_b, (1, 0, −2)⟩: 1 − 6 and 4 − 12.
  ['direction in a dense layer', direction('dense', [1, 0, -2]), [-5, -8]],
  // (1/N) Σ a² over all N = 12 values: (91 + 31)/12 and (19 + 72)/12.
  ['deepDream', deepDream('conv'), [122 / 12, 91 / 12]],
  // z[b, k_b]: logits[0][2], logits[1][0].
  ['classLogit, one per item', classLogit([2, 0]), [2, 4]],
  ['classLogit, one for all', classLogit(1), [-1, 1.5]],
  // Item by item: channel([0, 1]) + 0.5·deepDream = (3.5 + 61/12, 2 + 91/24).
  [
    'sum(channel, scale(0.5, deepDream))',
    sum(channel('conv', [0, 1]), scale(0.5, deepDream('conv'))),
    [3.5 + 61 / 12, 2 + 91 / 24],
  ],
  // −3 · neuron at (2, 1): 9 and −9.
  ['scale(−3, neuron)', scale(-3, neuron('conv', [1, 0], { x: 2, y: 1 })), [9, -9]],
  ['negate(classLogit)', negate(classLogit([2, 0])), [-2, -4]],
  // classLogit([2, 0]) − classLogit(1) + channel(1): 2 − (−1) + 0.5 and 4 − 1.5 + 2.
  [
    'sum of three with a negation',
    sum(classLogit([2, 0]), negate(classLogit(1)), channel('conv', 1)),
    [2 + 1 + 0.5, 4 - 1.5 + 2],
  ],
];

describe('objective values on hand-set activations', () => {
  it.each(CASES)('%s', (name, objective, expected) => {
    expectArraysClose(evaluate(objective, activations(), 2), expected, 1e-6, name);
  });
});

/** `[B, 1, P, C]` activations from per-item position × channel rows. */
function positions(items: readonly (readonly (readonly number[])[])[]): Activations {
  return { layer: tf.tensor4d(items.map((rows) => [rows.map((r) => [...r])])) };
}

describe('diversity: −(1/(B−1)) Σ_{j≠i} cos(G_i, G_j) with G = AᵀA', () => {
  // Gram cosines by hand. One position a = (p, q): G = aaᵀ, so cos(G_i, G_j) = cos²(a_i, a_j).
  // Measured max error 7.2e-8 (the 1/√2 case; the others exact); tolerance 1e-6 (14×).
  it.each<[string, readonly (readonly (readonly number[])[])[], readonly number[]]>([
    // Identical items and a scaled copy (cosines are scale-free): cos = 1, diversity −1.
    ['identical items', [[[1, 2]], [[1, 2]]], [-1, -1]],
    ['a scaled copy', [[[1, 2]], [[-3, -6]]], [-1, -1]],
    // G = diag(1, 0) and diag(0, 1): orthogonal, cos = 0.
    ['orthogonal Gram matrices', [[[1, 0]], [[0, 1]]], [0, 0]],
    // a = (1, 0), (0, 1), (1, 1): cos² = 0, 1/2, 1/2 → item 0: −(0 + ½)/2, item 1: −(0 + ½)/2, item 2: −(½ + ½)/2.
    ['Gram cosines 0, ½, ½', [[[1, 0]], [[0, 1]], [[1, 1]]], [-0.25, -0.25, -0.5]],
    // Two positions: G_0 = [[1, 0], [0, 0]], G_1 = [[0, 0], [0, 2]] (rows (0, 1), (0, 1)), G_2 = 2I (rows (1, 1), (1, −1)).
    // cos(G_0, G_1) = 0, cos(G_0, G_2) = 2/(1·2√2) = 1/√2, cos(G_1, G_2) = 4/(2·2√2) = 1/√2.
    [
      'two positions, Gram cosines 0, 1/√2, 1/√2',
      [
        [
          [1, 0],
          [0, 0],
        ],
        [
          [0, 1],
          [0, 1],
        ],
        [
          [1, 1],
          [1, -1],
        ],
      ],
      [-Math.SQRT1_2 / 2, -Math.SQRT1_2 / 2, -Math.SQRT1_2],
    ],
    // One item has no other to differ from: the empty sum is 0.
    ['a single item', [[[1, 2]]], [0]],
  ])('%s', (name, items, expected) => {
    expect(expected).toHaveLength(items.length);
    expectArraysClose(evaluate(diversity('layer'), positions(items), items.length), expected, 1e-6, name);
  });

  it('equals a float64 Gram-cosine reference on [3, 2, 2, 3] activations', () => {
    const [b, h, w, c] = [3, 2, 2, 3];
    const values = Float64Array.from(
      { length: b * h * w * c },
      (_, i) => Math.sin(1.7 * i + 0.3) + 0.2 * (i % 5),
    );
    // G_b[p][q] = Σ_positions a[p]·a[q]; cos = ⟨G_i, G_j⟩_F / (‖G_i‖‖G_j‖).
    const gram = Array.from({ length: b }, (_, i) => {
      const g = new Float64Array(c * c);
      for (let s = 0; s < h * w; s++)
        for (let p = 0; p < c; p++)
          for (let q = 0; q < c; q++)
            g[p * c + q]! += values[(i * h * w + s) * c + p]! * values[(i * h * w + s) * c + q]!;
      return g;
    });
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, k) => s + v * y[k]!, 0);
    const cos = (i: number, j: number) =>
      dot(gram[i]!, gram[j]!) / Math.sqrt(dot(gram[i]!, gram[i]!) * dot(gram[j]!, gram[j]!));
    const expected = Array.from({ length: b }, (_, i) => {
      let s = 0;
      for (let j = 0; j < b; j++) if (j !== i) s += cos(i, j);
      return -s / (b - 1);
    });
    // Measured max error 2.0e-7; tolerance 2e-6 (10×).
    const acts = { layer: tf.tensor4d(Float32Array.from(values), [b, h, w, c]) };
    expectArraysClose(evaluate(diversity('layer'), acts, b), expected, 2e-6, 'diversity vs float64');
  });
});

describe('objectives: combinators and memory', () => {
  it('sum takes the largest per-item batch size and the union of layers', () => {
    const o = sum(channel('conv', [0, 1, 2]), deepDream('conv'), classLogit(1));
    expect(o.batchSize).toBe(3);
    expect(o.layers).toEqual(['conv', 'logits']);
    expect(scale(2, channel('conv', [0, 1])).batchSize).toBe(2);
  });

  it('evaluating every objective leaves no tensors behind', () => {
    const acts = activations();
    const before = tf.memory().numTensors;
    for (const [, objective] of CASES) tf.tidy(() => void objective.evaluate(acts, 2).dataSync());
    tf.tidy(() => void diversity('conv').evaluate(acts, 2).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(acts));
  });
});
