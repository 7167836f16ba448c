import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectArraysClose,
  functionalRgbNet,
  saveGraphModel,
  saveShardedLayersModel,
  toGraphModelArtifacts,
} from '@openbox/testing';
import { initBackend } from './init-backend.js';
import { loadGraphModel, loadImageModel } from './load-image-model.js';
import { isLayersImageModel } from './model-adapter/image-model.js';
import { ModelIoError } from './model-io-error.js';
import { loadModel } from './model-io.js';

const SIZE = 24;
let dir: string;
const model = () => functionalRgbNet({ seed: 21, size: SIZE });

beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'openbox-load-image-model-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<ModelIoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelIoError);
  return error as ModelIoError;
}

describe('loadImageModel', () => {
  it.each([
    ['one group, many shards', { shardBytes: 1500 }],
    ['three groups', { shardBytes: 4096, groups: 3 }],
  ])(
    'loads a sharded LayersModel (%s) with slashed layer names as a ModelAdapter',
    async (label, options) => {
      const source = model();
      const { modelJson, shards } = await saveShardedLayersModel(
        source,
        join(dir, `layers-${label}`),
        options,
      );
      expect(shards.length).toBeGreaterThan(2);
      const before = tf.memory().numTensors;
      const adapter = await loadImageModel(modelJson);
      expect(adapter.kind).toBe('layers');
      expect(adapter.inputShape).toEqual([SIZE, SIZE, 3]);
      expect(adapter.layer('block2/conv_a').outputShape).toEqual([null, 12, 12, 8]);
      const x = tf.randomUniform([2, SIZE, SIZE, 3], 0, 1, 'float32', 1);
      const expected = source.predict(x) as tf.Tensor;
      const actual = adapter.activations(x, ['head/dense'])['head/dense']!;
      expectArraysClose(actual, expected, 1e-6, 'loaded vs saved');
      tf.dispose([x, expected, actual]);
      if (isLayersImageModel(adapter)) adapter.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      source.dispose();
    },
  );

  it('loads a sharded GraphModel (several groups) as a GraphModelAdapter that computes the LayersModel function', async () => {
    const source = model();
    const { modelJson } = await saveGraphModel(toGraphModelArtifacts(source), join(dir, 'graph'), {
      shardBytes: 2000,
      groups: 2,
    });
    const adapter = await loadImageModel(modelJson);
    expect(adapter.kind).toBe('graph');
    const x = tf.randomUniform([2, SIZE, SIZE, 3], 0, 1, 'float32', 2);
    const expected = source.predict(x) as tf.Tensor;
    const actual = adapter.activations(x, ['Identity'])['Identity']!;
    expectArraysClose(actual, expected, 1e-5, 'graph file vs LayersModel');
    tf.dispose([x, expected, actual]);
    const graph = await loadGraphModel(modelJson);
    expect(graph.outputs[0]!.name).toBe('Identity');
    graph.dispose();
    source.dispose();
  });

  it('points loadModel at loadImageModel for a graph file, and loadGraphModel refuses a layers file', async () => {
    const source = model();
    const graphJson = (await saveGraphModel(toGraphModelArtifacts(source), join(dir, 'g2'))).modelJson;
    const layersJson = (await saveShardedLayersModel(source, join(dir, 'l2'))).modelJson;
    const a = await rejection(loadModel(graphJson));
    expect(a.code).toBe('graph-model');
    expect(a.message).toContain(
      'load it with loadImageModel (an ImageModel for either kind) or loadGraphModel',
    );
    const b = await rejection(loadGraphModel(layersJson));
    expect(b.code).toBe('not-graph-model');
    expect(b.message).toContain(
      "is not a GraphModel model.json (no format 'graph-model', no GraphDef node list)",
    );
    source.dispose();
  });

  it('refuses a graph with NaN weights, a short shard and an unknown op, leaving no tensor behind', async () => {
    const source = model();
    const artifacts = toGraphModelArtifacts(source);
    source.dispose();
    const before = tf.memory().numTensors;
    // NaN in the first weight (block1's kernel).
    const nanDir = join(dir, 'nan');
    const { shards } = await saveGraphModel(artifacts, nanDir);
    const bytes = await readFile(shards[0]!);
    bytes.writeFloatLE(Number.NaN, 0);
    await writeFile(shards[0]!, bytes);
    const nan = await rejection(loadImageModel(join(nanDir, 'model.json')));
    expect(nan.code).toBe('non-finite-weights');
    expect(nan.message).toContain(
      'StatefulPartitionedCall/functional_rgb_net/block1/conv/Conv2D/ReadVariableOp has 1 NaN',
    );
    // A shard cut short.
    const shortDir = join(dir, 'short');
    const short = await saveGraphModel(artifacts, shortDir, { shardBytes: 1024 });
    await writeFile(short.shards.at(-1)!, Buffer.alloc(3));
    expect((await rejection(loadImageModel(short.modelJson))).code).toBe('weights-size-mismatch');
    // An op TensorFlow.js does not know.
    const odd = {
      ...artifacts,
      modelTopology: {
        ...artifacts.modelTopology,
        node: artifacts.modelTopology.node.map((n) =>
          n.op === 'MaxPool' ? { ...n, op: 'MaxPoolNoSuchOp' } : n,
        ),
      },
    };
    const oddJson = (await saveGraphModel(odd, join(dir, 'odd'))).modelJson;
    await expect(loadImageModel(oddJson)).rejects.toThrow(
      /^GraphModelAdapter: TensorFlow\.js cannot run this graph model \(.*MaxPoolNoSuchOp/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
