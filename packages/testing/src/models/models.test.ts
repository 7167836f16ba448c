import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tfc from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '../expect-arrays-close.js';
import { FUNCTIONAL_RGB_NET_LAYERS, functionalRgbNet } from './functional-rgb-net.js';
import { saveGraphModel, saveShardedLayersModel } from './save-sharded.js';
import { toGraphModelArtifacts } from './to-graph-model.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'openbox-testing-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const images = (size: number, n: number) => tf.randomUniform([n, size, size, 3], 0, 1, 'float32', 7);

describe('functionalRgbNet', () => {
  it('is functional, named as documented, with drawn BatchNorm statistics; same seed, same weights', () => {
    const a = functionalRgbNet({ seed: 3, size: 32, classes: 3 });
    const b = functionalRgbNet({ seed: 3, size: 32, classes: 3 });
    const c = functionalRgbNet({ seed: 4, size: 32, classes: 3 });
    expect(a.layers.slice(1).map((l) => l.name)).toEqual([...FUNCTIONAL_RGB_NET_LAYERS]);
    expect(a.inputs[0]!.shape).toEqual([null, 32, 32, 3]);
    expect(a.outputs[0]!.shape).toEqual([null, 3]);
    const [, , mean, variance] = a
      .getLayer('block1/bn')
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    expect(mean!.some((m) => Math.abs(m) > 0.01)).toBe(true);
    expect(variance!.every((v) => v >= 0.5 && v <= 2) && variance!.some((v) => Math.abs(v - 1) > 0.05)).toBe(
      true,
    );
    const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(wa);
    expect(c.getWeights().map((w) => Array.from(w.dataSync()))).not.toEqual(wa);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('refuses bad options with a message naming them', () => {
    expect(() => functionalRgbNet({ seed: 1, size: 4 })).toThrow(
      'functionalRgbNet: options.size must be an integer >= 8, got 4.',
    );
    expect(() => functionalRgbNet({ seed: 1, classes: 1 })).toThrow(
      'functionalRgbNet: options.classes must be an integer >= 2, got 1.',
    );
  });
});

describe('toGraphModelArtifacts', () => {
  it('computes what the LayersModel computes (within 1e-5), fused and unfused, with converter-style nodes', async () => {
    const model = functionalRgbNet({ seed: 5, size: 32 });
    const x = images(32, 3);
    const expected = model.predict(x) as tf.Tensor;
    for (const unfused of [[], ['block2/conv_b', 'head/dense']]) {
      const artifacts = toGraphModelArtifacts(model, { unfused });
      const ops = new Map(artifacts.modelTopology.node.map((n) => [n.name, n.op]));
      expect(ops.get('image')).toBe('Placeholder');
      expect(ops.get('StatefulPartitionedCall/functional_rgb_net/block1/conv/Conv2D')).toBe('Conv2D');
      expect(ops.get('StatefulPartitionedCall/functional_rgb_net/block1/bn/FusedBatchNormV3')).toBe(
        'FusedBatchNormV3',
      );
      expect(ops.get('StatefulPartitionedCall/functional_rgb_net/block2/conv_a/Relu')).toBe('_FusedConv2D');
      expect(ops.get('StatefulPartitionedCall/functional_rgb_net/block2/conv_b/Relu')).toBe(
        unfused.length === 0 ? '_FusedConv2D' : 'Relu',
      );
      expect(ops.get('Identity')).toBe('Identity');
      const graph = await tfc.loadGraphModel(tf.io.fromMemory(artifacts));
      const actual = graph.execute(x) as tf.Tensor;
      expectArraysClose(actual, expected, 1e-5, `graph vs layers (unfused: ${unfused.join(', ')})`);
      actual.dispose();
      graph.dispose();
    }
    tf.dispose([x, expected]);
    model.dispose();
  });

  it('names the layer it cannot translate', () => {
    const input = tfl.input({ shape: [4] });
    const out = tfl.layers.layerNormalization({ name: 'ln' }).apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    expect(() => toGraphModelArtifacts(model)).toThrow(
      /^toGraphModelArtifacts: layer 'ln' is a LayerNormalization, which this converter does not translate; it translates Conv2D, /,
    );
    model.dispose();
  });
});

describe('saveShardedLayersModel / saveGraphModel', () => {
  it('writes shards of at most shardBytes (the last shorter) whose bytes are the weights in manifest order', async () => {
    const model = functionalRgbNet({ seed: 1, size: 16 });
    const { modelJson, shards } = await saveShardedLayersModel(model, join(dir, 'layers'), {
      shardBytes: 1000,
    });
    const json = JSON.parse(await readFile(modelJson, 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    const paths: string[] = json.weightsManifest[0].paths;
    const total = model.getWeights().reduce((n, w) => n + w.size * 4, 0);
    expect(paths.length).toBe(Math.ceil(total / 1000));
    expect(paths[0]).toBe(`group1-shard1of${paths.length}.bin`);
    const sizes = await Promise.all(shards.map(async (s) => (await stat(s)).size));
    expect(sizes.slice(0, -1).every((s) => s === 1000)).toBe(true);
    expect(sizes.at(-1)).toBe(total - 1000 * (paths.length - 1));
    const bytes = Buffer.concat(await Promise.all(shards.map((s) => readFile(s))));
    const first = new Float32Array(bytes.buffer, bytes.byteOffset, 1)[0];
    const name = json.weightsManifest[0].weights[0].name as string;
    const weight = model.weights.find((w) => w.originalName === name)!;
    expect(first).toBe(weight.read().dataSync()[0]);
    model.dispose();
  });

  it('splits weights into groups, each with its own shards', async () => {
    const model = functionalRgbNet({ seed: 1, size: 16 });
    const artifacts = toGraphModelArtifacts(model);
    const { modelJson } = await saveGraphModel(artifacts, join(dir, 'graph'), {
      shardBytes: 2048,
      groups: 3,
    });
    const json = JSON.parse(await readFile(modelJson, 'utf8'));
    expect(json.format).toBe('graph-model');
    expect(json.signature.inputs.image.name).toBe('image:0');
    expect(json.weightsManifest).toHaveLength(3);
    expect(json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights)).toEqual(
      artifacts.weightSpecs,
    );
    expect(json.weightsManifest[1].paths[0]).toMatch(/^group2-shard1of\d+\.bin$/);
    await expect(saveGraphModel(artifacts, join(dir, 'g2'), { shardBytes: 0 })).rejects.toThrow(
      'saveGraphModel: options.shardBytes must be a positive integer, got 0.',
    );
    model.dispose();
  });
});
