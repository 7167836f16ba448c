import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { applyActivation } from './execute-graph.js';
import { ModelAdapter } from './model-adapter.js';

/** A functional net with a branch (Add), a ReLU layer, max pooling and a softmax head. */
function branchyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [6, 6, 2] });
  const a = tfl.layers
    .conv2d({
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'a',
    })
    .apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'b' }).apply(input) as tfl.SymbolicTensor;
  const sum = tfl.layers.add({ name: 'sum' }).apply([a, b]) as tfl.SymbolicTensor;
  const r = tfl.layers.reLU({ name: 'r' }).apply(sum) as tfl.SymbolicTensor;
  const p = tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(r) as tfl.SymbolicTensor;
  const f = tfl.layers.flatten({ name: 'flat' }).apply(p) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({ units: 4, activation: 'softmax', name: 'probs' })
    .apply(f) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

describe('ModelAdapter.execute', () => {
  let adapter: ModelAdapter;
  let x: tf.Tensor4D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    adapter = new ModelAdapter(branchyModel());
    x = tf.randomUniform([3, 6, 6, 2], -1, 1, 'float32', 5) as tf.Tensor4D;
  });

  it('without hooks computes what activations() computes, for layers, logits, pre-activations and the input', () => {
    const names = ['input', 'a', 'a:pre', 'sum', 'pool', 'logits', 'probs'];
    const byGraph = adapter.execute(x, names, {});
    const bySubModel = adapter.activations(x, names);
    for (const n of names) expectArraysClose(byGraph[n]!, bySubModel[n]!, 1e-6);
    expect(byGraph['input']).toBe(x);
    for (const n of names.slice(1)) [byGraph[n]!, bySubModel[n]!].forEach((t) => t.dispose());
  });

  it('replaces a layer output and skips what is upstream of it', () => {
    const before = tf.memory().numTensors;
    const pool = tf.zeros([3, 3, 3, 3]);
    const { logits } = adapter.execute(x, ['logits'], { replace: new Map([['pool', pool]]) });
    const [kernel, bias] = adapter.model.getLayer('probs').getWeights();
    const expected = tf.tidy(() => tf.add(tf.matMul(tf.zeros([3, 27]), kernel!), bias!));
    expectArraysClose(logits!, expected, 1e-7);
    [logits!, expected, pool].forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hands every nonlinearity and max pool to the hooks, in graph order, and keeps the usual result', () => {
    const seen: string[] = [];
    const out = adapter.execute(x, ['probs'], {
      activation: (kind, pre, layer) => (seen.push(`${layer}:${kind}`), applyActivation(kind, pre)),
      maxPool: (v, c) => (
        seen.push(`${c.name}:${c.poolSize.join('x')}/${c.strides.join('x')}`),
        tf.maxPool(v, c.poolSize, c.strides, c.padding)
      ),
    });
    expect(seen).toEqual(['a:relu', 'r:relu', 'pool:2x2/2x2', 'probs:softmax']);
    const plain = adapter.model.predict(x) as tf.Tensor;
    expectArraysClose(out['probs']!, plain, 1e-6);
    [out['probs']!, plain].forEach((t) => t.dispose());
  });

  it('names a layer whose activation it cannot hook, and a nested model it cannot look into', () => {
    const hooks = {
      activation: (k: Parameters<typeof applyActivation>[0], p: tf.Tensor) => applyActivation(k, p),
    };
    const hard = new ModelAdapter(
      tfl.sequential({
        layers: [
          tfl.layers.flatten({ inputShape: [2, 2, 1] }),
          tfl.layers.dense({ units: 2, activation: 'hardSigmoid', name: 'hs' }),
        ],
      }),
    );
    expect(() => hard.execute(tf.zeros([1, 2, 2, 1]), ['hs'], hooks)).toThrow(
      "ModelAdapter.execute: layer 'hs' (Dense, activation 'hardSigmoid') cannot take a modified backward rule;",
    );
    const leaky = new ModelAdapter(
      tfl.sequential({
        layers: [tfl.layers.flatten({ inputShape: [2, 2, 1] }), tfl.layers.leakyReLU({ name: 'leaky' })],
      }),
    );
    expect(() => leaky.execute(tf.zeros([1, 2, 2, 1]), ['leaky'], hooks)).toThrow(
      "ModelAdapter.execute: layer 'leaky' (LeakyReLU, activation 'LeakyReLU') cannot take a modified backward rule;",
    );
    const inner = tfl.sequential({
      layers: [tfl.layers.dense({ units: 2, inputShape: [4], activation: 'relu' })],
    });
    const nested = new ModelAdapter(
      tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [2, 2, 1] }), inner] }),
    );
    expect(() => nested.execute(tf.zeros([1, 2, 2, 1]), ['logits'], hooks)).toThrow(
      `ModelAdapter.execute: layer '${inner.name}' is a nested model; its layers cannot take a modified backward rule (flatten it into one model).`,
    );
  });
});
