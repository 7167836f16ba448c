import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfc from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose, functionalRgbNet, toGraphModelArtifacts } from '@openbox/testing';
import { initBackend } from '../init-backend.js';
import { GraphModelAdapter } from './graph-model-adapter.js';
import { imageModelOf } from './image-model-of.js';
import { ModelAdapter } from './model-adapter.js';

const SIZE = 32;
const P = 'StatefulPartitionedCall/functional_rgb_net';
let layers: tfl.LayersModel;
let reference: ModelAdapter;
let graph: GraphModelAdapter;
let x: tf.Tensor4D;
let dir: string;

beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'openbox-graph-adapter-'));
  layers = functionalRgbNet({ seed: 11, size: SIZE, classes: 3 });
  reference = new ModelAdapter(layers);
  graph = new GraphModelAdapter(await tfc.loadGraphModel(tf.io.fromMemory(toGraphModelArtifacts(layers))));
  x = tf.randomUniform([2, SIZE, SIZE, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `f`, disposes what it returns, and checks that no tensor is left behind. */
function leakFree(f: () => tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>): void {
  const before = tf.memory().numTensors;
  const out = f();
  tf.dispose(out instanceof tf.Tensor ? [out] : Array.isArray(out) ? out : Object.values(out));
  expect(tf.memory().numTensors).toBe(before);
}

describe('GraphModelAdapter', () => {
  it('lists the compute nodes in topological order with measured shapes (no Const, no Placeholder)', () => {
    expect(graph.kind).toBe('graph');
    expect(graph.inputShape).toEqual([SIZE, SIZE, 3]);
    const names = graph.layers().map((l) => l.name);
    expect(names).toEqual([
      `${P}/block1/conv/Conv2D`,
      `${P}/block1/conv/BiasAdd`,
      `${P}/block1/bn/FusedBatchNormV3`,
      `${P}/block1/relu/Relu`,
      `${P}/block1/pool/MaxPool`,
      `${P}/block2/conv_a/Relu`,
      `${P}/block2/conv_b/Relu`,
      `${P}/block2/add/add`,
      `${P}/block2/concat/concat`,
      `${P}/block3/conv/Relu`,
      `${P}/head/gap/Mean`,
      `${P}/head/dense/BiasAdd`,
      `${P}/head/dense/Softmax`,
      'Identity',
    ]);
    expect(graph.layer(`${P}/block1/pool/MaxPool`).outputShape).toEqual([null, 16, 16, 8]);
    expect(graph.layer(`${P}/block2/concat/concat`)).toEqual({
      name: `${P}/block2/concat/concat`,
      className: 'ConcatV2',
      outputShape: [null, 16, 16, 16],
      channels: 16,
    });
    expect(graph.layer(`${P}/block3/conv/Relu`).outputShape).toEqual([null, 7, 7, 16]);
    expect(graph.layer('logits')).toMatchObject({ className: 'Logits', outputShape: [null, 3], channels: 3 });
    expect(graph.logitsName).toBe(`${P}/head/dense/BiasAdd`);
  });

  it('computes what the LayersModel computes in inference mode: output, logits, intermediate nodes (1e-5)', () => {
    const predicted = layers.predict(x) as tf.Tensor;
    const acts = graph.activations(x, [
      'Identity',
      'logits',
      `${P}/block2/add/add`,
      `${P}/block1/bn/FusedBatchNormV3`,
    ]);
    const ref = reference.activations(x, ['head/dense', 'logits', 'block2/add', 'block1/bn']);
    expectArraysClose(acts['Identity']!, predicted, 1e-5, 'graph output vs model.predict');
    expectArraysClose(
      ref['head/dense']!,
      predicted,
      1e-6,
      'layers adapter vs model.predict (BN, Dropout at inference)',
    );
    expectArraysClose(acts['logits']!, ref['logits']!, 1e-5, 'logits');
    expectArraysClose(acts[`${P}/block2/add/add`]!, ref['block2/add']!, 1e-5, 'block2/add');
    expectArraysClose(acts[`${P}/block1/bn/FusedBatchNormV3`]!, ref['block1/bn']!, 1e-5, 'block1/bn');
    expect(Array.from(graph.predictClasses(x))).toEqual(Array.from(reference.predictClasses(x)));
    tf.dispose([predicted, ...Object.values(acts), ...Object.values(ref)]);
  });

  it('addresses slashed LayersModel names everywhere, :pre included (relu of block2/conv_a:pre is block2/conv_a)', () => {
    const acts = reference.activations(x, ['block2/conv_a:pre', 'block2/conv_a']);
    const relu = tf.relu(acts['block2/conv_a:pre']!);
    expectArraysClose(relu, acts['block2/conv_a']!, 1e-6, 'relu(pre) vs the layer');
    expect(reference.layer('block2/conv_a:pre').outputShape).toEqual([null, 16, 16, 8]);
    tf.dispose([relu, ...Object.values(acts)]);
  });

  it('returns only the wanted nodes and leaks nothing, also for a name asked twice', () => {
    leakFree(() => {
      const { input, ...rest } = graph.activations(x, ['logits', `${P}/head/dense/BiasAdd`, 'input']);
      expect(input).toBe(x);
      return rest;
    });
    leakFree(() => {
      const acts = graph.activations(x, ['logits', `${P}/head/dense/BiasAdd`]);
      expect(Object.keys(acts).sort()).toEqual(['logits', `${P}/head/dense/BiasAdd`].sort());
      return acts;
    });
    leakFree(() => graph.logits(x));
    leakFree(() => tf.tensor(graph.predictClasses(x)));
  });

  it('differentiates a channel mean with respect to the input as the LayersModel does (1e-4)', () => {
    const node = `${P}/block3/conv/Relu`;
    // the channel most active on x (a ReLU channel that is 0 everywhere would have a zero gradient on both sides)
    const channel = tf.tidy(() => {
      const a = reference.activations(x, ['block3/conv'])['block3/conv']!;
      return tf.argMax(tf.mean(a, [0, 1, 2])).dataSync()[0]!;
    });
    const before = tf.memory().numTensors;
    const meanOf = (a: tf.Tensor) => tf.mean(tf.slice(a, [0, 0, 0, channel], [-1, -1, -1, 1]));
    const g = tf.grad((img: tf.Tensor) => meanOf(graph.activations(img, [node])[node]!))(x);
    const r = tf.grad((img: tf.Tensor) =>
      meanOf(reference.activations(img, ['block3/conv'])['block3/conv']!),
    )(x);
    expect(tf.tidy(() => tf.max(tf.abs(r)).dataSync()[0])).toBeGreaterThan(0);
    expectArraysClose(g, r, 1e-4, `d mean(channel ${channel}) / d input`);
    tf.dispose([g, r]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('feeds hooks.replace tensors in place of nodes, as the LayersModel adapter replaces layers', () => {
    const add = `${P}/block2/add/add`;
    const fed = tf.tidy(() => tf.relu(tf.randomNormal([2, 16, 16, 8], 0, 1, 'float32', 5)));
    const g = graph.execute(x, ['logits'], { replace: new Map([[add, fed]]) });
    const r = reference.execute(x, ['logits'], { replace: new Map([['block2/add', fed]]) });
    expectArraysClose(g['logits']!, r['logits']!, 1e-5, 'logits from a replaced node');
    const gradG = tf.grad((h: tf.Tensor) =>
      tf.sum(graph.execute(x, ['logits'], { replace: new Map([[add, h]]) })['logits']!),
    )(fed);
    const gradR = tf.grad((h: tf.Tensor) =>
      tf.sum(reference.execute(x, ['logits'], { replace: new Map([['block2/add', h]]) })['logits']!),
    )(fed);
    expectArraysClose(gradG, gradR, 1e-4, 'gradient with respect to a hidden node');
    tf.dispose([fed, g['logits']!, r['logits']!, gradG, gradR]);
  });

  it('refuses backward-rule hooks, unknown nodes and :pre with messages naming what works', () => {
    expect(() => graph.execute(x, ['logits'], { activation: (_k, pre) => pre })).toThrow(
      "GraphModelAdapter.execute: guided backpropagation and DeepLIFT rules need a LayersModel: a graph model's nonlinearities and max pools cannot take a modified backward rule (hooks.activation); load the Keras/LayersModel version of this model.",
    );
    expect(() => graph.execute(x, ['logits'], { maxPool: (v) => v })).toThrow('(hooks.maxPool)');
    expect(() => graph.activations(x, ['block2/mul'])).toThrow(
      `GraphModelAdapter.activations: unknown layer 'block2/mul'. Layers in this model: ${P}/block1/conv/Conv2D, ${P}/block1/conv/BiasAdd,`,
    );
    expect(() => graph.layer(`${P}/block1/conv/BiasAdd:pre`, 'f')).toThrow(
      "asks for a pre-activation (':pre'), which exists only for LayersModel layers",
    );
    expect(() => graph.checkChannel(`${P}/block1/pool/MaxPool`, 8, 'f')).toThrow(
      `f: channel 8 is out of range for layer '${P}/block1/pool/MaxPool', which has channels 0..7 (8 in all).`,
    );
    expect(() => graph.checkPosition(`${P}/head/gap/Mean`, 0, 0, 'f')).toThrow(
      'not [batch, height, width, channels]',
    );
  });

  it('needs options.inputShape when the graph leaves height and width open, and checks it', async () => {
    const artifacts = toGraphModelArtifacts(layers);
    const open = {
      ...artifacts,
      modelTopology: {
        ...artifacts.modelTopology,
        node: artifacts.modelTopology.node.map((n) =>
          n.op === 'Placeholder'
            ? {
                ...n,
                attr: {
                  ...n.attr,
                  shape: { shape: { dim: [-1, -1, -1, 3].map((d) => ({ size: String(d) })) } },
                },
              }
            : n,
        ),
      },
      signature: undefined,
    };
    const model = await tfc.loadGraphModel(tf.io.fromMemory(open as tf.io.ModelArtifacts));
    expect(() => new GraphModelAdapter(model)).toThrow(
      "GraphModelAdapter: the graph's input has shape [-1, -1, -1, 3], whose height, width or channels are unknown (-1); pass options.inputShape = [height, width, channels].",
    );
    expect(() => imageModelOf(model, { inputShape: [SIZE, SIZE, 1] })).toThrow(
      'GraphModelAdapter: options.inputShape [32, 32, 1] does not fit the graph',
    );
    const adapter = imageModelOf(model, { inputShape: [SIZE, SIZE, 3] });
    expect(adapter.kind).toBe('graph');
    expect(adapter.layer(`${P}/block3/conv/Relu`).outputShape).toEqual([null, 7, 7, 16]);
    model.dispose();
  });
});

describe('GraphModelAdapter on a tiny graph', () => {
  it('has input gradients equal to central finite differences', async () => {
    const input = tfl.input({ shape: [5, 5, 1], name: 'pixels' });
    const conv = tfl.layers
      .conv2d({
        name: 'c',
        filters: 2,
        kernelSize: 3,
        activation: 'tanh',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }),
      })
      .apply(input) as tfl.SymbolicTensor;
    const gap = tfl.layers.globalAveragePooling2d({ name: 'g' }).apply(conv) as tfl.SymbolicTensor;
    const out = tfl.layers
      .dense({
        name: 'd',
        units: 2,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }),
      })
      .apply(gap) as tfl.SymbolicTensor;
    const tiny = tfl.model({ inputs: input, outputs: out, name: 'tiny' });
    const adapter = new GraphModelAdapter(
      await tfc.loadGraphModel(tf.io.fromMemory(toGraphModelArtifacts(tiny))),
    );
    const node = 'StatefulPartitionedCall/tiny/c/Tanh';
    const f = (img: tf.Tensor) =>
      tf.tidy(() =>
        tf.mean(tf.slice(adapter.activations(img, [node])[node]!, [0, 0, 0, 1], [-1, -1, -1, 1])),
      );
    const x0 = tf.randomUniform([1, 5, 5, 1], -1, 1, 'float32', 9);
    const grad = tf.grad(f)(x0);
    const base = Array.from(x0.dataSync());
    const eps = 1e-2;
    const fd = base.map((_, i) => {
      const at = (d: number) => {
        const v = base.slice();
        v[i]! += d;
        const t = tf.tensor4d(v, [1, 5, 5, 1]);
        const y = f(t);
        const value = y.dataSync()[0]!;
        tf.dispose([t, y]);
        return value;
      };
      return (at(eps) - at(-eps)) / (2 * eps);
    });
    // central differences in float32: truncation ~eps²·f''' and rounding ~1e-7/eps, both below 1e-4 here
    expectArraysClose(grad, fd, 2e-4, 'gradient vs central differences');
    tf.dispose([x0, grad]);
    adapter.model.dispose();
    tiny.dispose();
  });
});

describe('GraphModelAdapter: Keras layer names stand for the last node of their scope', () => {
  it.each([
    ['block1/conv', 'block1/conv', `${P}/block1/conv/BiasAdd`],
    ['block2/concat', 'block2/concat', `${P}/block2/concat/concat`],
    ['bn', 'block1/bn', `${P}/block1/bn/FusedBatchNormV3`],
    ['head/dense', 'head/dense', `${P}/head/dense/Softmax`],
  ])('%s → %s’s output, node %s', (alias, kerasName, node) => {
    expect(graph.layer(alias, 'test').name).toBe(node);
    const ours = graph.activations(x, [alias]);
    const theirs = reference.activations(x, [kerasName]);
    expectArraysClose(ours[alias]!, theirs[kerasName]!, 1e-5);
    tf.dispose([...Object.values(ours), ...Object.values(theirs)]);
  });

  it('names every candidate scope when the alias is ambiguous, and still refuses unknown names', () => {
    expect(() => graph.layer('conv', 'test')).toThrow(
      `test: 'conv' names several layer scopes of this graph model: ${P}/block1/conv, ${P}/block3/conv; give more of the path, or a node name.`,
    );
    expect(() => graph.layer('block9', 'test')).toThrow("test: unknown layer 'block9'");
    expect(() => graph.layer('lock1/conv', 'test')).toThrow("test: unknown layer 'lock1/conv'");
  });
});
