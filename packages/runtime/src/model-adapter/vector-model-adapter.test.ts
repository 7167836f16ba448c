import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { initBackend } from '../init-backend.js';
import { ModelAdapter } from './model-adapter.js';
import { VectorModelAdapter } from './vector-model-adapter.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

/** 4 features → Dense 8 relu → BatchNorm → Dropout → Dense 1 sigmoid, seeded. */
function sigmoidMlp(): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(
    tfl.layers.dense({
      inputShape: [4],
      units: 8,
      activation: 'relu',
      name: 'hidden',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  m.add(tfl.layers.batchNormalization({ name: 'bn' }));
  m.add(tfl.layers.dropout({ rate: 0.5, name: 'drop' }));
  m.add(
    tfl.layers.dense({
      units: 1,
      activation: 'sigmoid',
      name: 'out',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return m;
}

describe('VectorModelAdapter', () => {
  it('lists the layers of a Dense stack and reads hidden units and the sigmoid pre-activation (log-odds)', () => {
    const model = sigmoidMlp();
    const adapter = new VectorModelAdapter(model);
    expect(adapter.features).toBe(4);
    expect(adapter.layers().map((l) => [l.name, l.channels])).toEqual([
      ['hidden', 8],
      ['bn', 8],
      ['drop', 8],
      ['out', 1],
    ]);
    const rows = tf.tensor2d([
      [0.1, -2, 3, 0.5],
      [1, 1, -1, 0],
    ]);
    const acts = adapter.activations(rows, ['hidden', 'logits', 'out']);
    expect(acts.hidden!.shape).toEqual([2, 8]);
    const p = acts.out!.dataSync();
    const z = acts.logits!.dataSync();
    // Dropout is off at inference: the same rows give the model's own predict, and logit(p) = z.
    expectArraysClose(p, (model.predict(rows) as tf.Tensor).dataSync(), 1e-6);
    expectArraysClose(
      Array.from(p, (v) => Math.log(v / (1 - v))),
      z,
      1e-4,
    );
    tf.dispose([rows, ...Object.values(acts)]);
    model.dispose();
  });

  it('takes a functional model with two branches', () => {
    const input = tfl.input({ shape: [3] });
    const a = tfl.layers
      .dense({ units: 2, activation: 'tanh', name: 'a' })
      .apply(input) as tfl.SymbolicTensor;
    const b = tfl.layers
      .dense({ units: 2, activation: 'relu', name: 'b' })
      .apply(input) as tfl.SymbolicTensor;
    const joined = tfl.layers.concatenate({ name: 'join' }).apply([a, b]) as tfl.SymbolicTensor;
    const out = tfl.layers
      .dense({ units: 3, activation: 'softmax', name: 'out' })
      .apply(joined) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const adapter = new VectorModelAdapter(model);
    expect(adapter.layer('join').channels).toBe(4);
    const rows = tf.randomNormal([5, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
    const logits = adapter.logits(rows);
    expectArraysClose(tf.softmax(logits).dataSync(), (model.predict(rows) as tf.Tensor).dataSync(), 1e-6);
    tf.dispose([rows, logits]);
    model.dispose();
  });

  it('refuses an image model, and the image adapter refuses a vector model, naming the shape', () => {
    const model = sigmoidMlp();
    expect(() => new ModelAdapter(model)).toThrow(
      'ModelAdapter: the model input must be [batch, height, width, channels] with known sizes; got [, 4].',
    );
    const cnn = tfl.sequential({
      layers: [tfl.layers.flatten({ inputShape: [2, 2, 1] }), tfl.layers.dense({ units: 2 })],
    });
    expect(() => new VectorModelAdapter(cnn)).toThrow(
      'VectorModelAdapter: the model input must be [batch, features] with a known number of features; got [, 2, 2, 1].',
    );
    model.dispose();
    cnn.dispose();
  });
});
