import * as tfc from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose, functionalRgbNet, toGraphModelArtifacts } from '@openbox/testing';
import { initBackend } from '../init-backend.js';
import { GraphModelAdapter } from '../model-adapter/graph-model-adapter.js';
import { kerasFans } from './fans.js';
import { reinitializedGraphCopy } from './reinitialized-graph-copy.js';

const P = 'StatefulPartitionedCall/functional_rgb_net';
let graph: GraphModelAdapter;

beforeAll(async () => {
  await initBackend();
  const model = functionalRgbNet({ seed: 4, size: 16 });
  graph = new GraphModelAdapter(await tfc.loadGraphModel(tf.io.fromMemory(toGraphModelArtifacts(model))));
  model.dispose();
});

const values = (a: GraphModelAdapter, name: string): Float32Array =>
  Float32Array.from(a.model.weights[name]![0]!.dataSync());

const FILTERS = [
  `${P}/block1/conv/Conv2D/ReadVariableOp`,
  `${P}/block2/conv_a/Conv2D/ReadVariableOp`,
  `${P}/block2/conv_b/Conv2D/ReadVariableOp`,
  `${P}/block3/conv/Conv2D/ReadVariableOp`,
  `${P}/head/dense/MatMul/ReadVariableOp`,
];
const BIASES = FILTERS.map((f) => f.replace(/(Conv2D|MatMul)\/ReadVariableOp$/, 'BiasAdd/ReadVariableOp'));

describe('reinitializedGraphCopy', () => {
  it('redraws every filter Glorot-uniform at its own scale, zeroes biases, keeps BatchNorm', () => {
    const copy = reinitializedGraphCopy(graph, { seed: 1 });
    for (const name of FILTERS) {
      const w = values(copy, name);
      const { fanIn, fanOut } = kerasFans(graph.model.weights[name]![0]!.shape);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
      // U(−l, l): variance l²/3; the sample variance's relative standard error is √(0.8/n) — 5 of them allowed
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.abs(variance / ((limit * limit) / 3) - 1)).toBeLessThan(5 * Math.sqrt(0.8 / w.length));
      expect(Array.from(w)).not.toEqual(Array.from(values(graph, name)));
    }
    for (const name of BIASES) expect(values(copy, name).every((v) => v === 0)).toBe(true);
    for (const bn of [
      'ReadVariableOp',
      'ReadVariableOp_1',
      'FusedBatchNormV3/ReadVariableOp',
      'FusedBatchNormV3/ReadVariableOp_1',
    ])
      expect(values(copy, `${P}/block1/bn/${bn}`)).toEqual(values(graph, `${P}/block1/bn/${bn}`));
    copy.model.dispose();
  });

  it('same seed, same weights; another seed, other weights; the outputs change and nothing leaks', () => {
    const before = tf.memory().numTensors;
    const a = reinitializedGraphCopy(graph, { seed: 5 });
    const b = reinitializedGraphCopy(graph, { seed: 5 });
    const c = reinitializedGraphCopy(graph, { seed: 6 });
    for (const name of FILTERS) {
      expect(values(a, name)).toEqual(values(b, name));
      expect(Array.from(values(a, name))).not.toEqual(Array.from(values(c, name)));
    }
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 2);
    const [la, lb, lg] = [a.logits(x), b.logits(x), graph.logits(x)];
    expectArraysClose(la, lb, 0, 'same seed, same logits');
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(la, lg))).dataSync()[0]!)).toBeGreaterThan(1e-4);
    expect(a.layers()).toEqual(graph.layers());
    tf.dispose([x, la, lb, lg]);
    [a, b, c].forEach((m) => m.model.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
