import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraphModel, imageModelOf, initBackend, type ImageModel } from '@openbox/runtime';
import { expectArraysClose, NO_GRADIENT_GRAPH_NODES as N, noGradientGraphArtifacts } from '@openbox/testing';
import { inputGradients } from './input-gradients.js';
import type { ResolvedTarget } from './target.js';

let adapter: ImageModel;
beforeAll(async () => {
  await initBackend();
  const a = noGradientGraphArtifacts();
  const model = await buildGraphModel(
    { ...a.modelTopology },
    a.signature,
    a.weightSpecs,
    a.weightData,
    'memory',
  );
  adapter = imageModelOf(model);
});

const unit = (layer: string): ResolvedTarget => ({
  layer,
  kind: 'channel',
  index: 0,
  size: adapter.layer(layer).channels,
  given: { layer, channel: 0 },
});

describe('inputGradients on a graph model', () => {
  it('names the op without a gradient, its nodes and the caller, and leaves no tensor behind', () => {
    const x = tf.ones([2, 2, 2, 4]);
    const before = tf.memory().numTensors;
    expect(() =>
      inputGradients(adapter, x, Int32Array.of(0, 0), [unit(N.output)], { batchSize: 1, caller: 'saliency' }),
    ).toThrow(
      `saliency: the graph op DepthToSpace (nodes: ${N.noGradient}) has no gradient in TensorFlow.js, so saliency cannot differentiate through it;`,
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('differentiates up to the node before it', () => {
    const x = tf.ones([2, 2, 2, 4]);
    const { gradients, values } = inputGradients(adapter, x, Int32Array.of(0, 0), [unit(N.conv)], {
      batchSize: 1,
    });
    // values: channel 0 of a 1×1 conv averaged over positions; its gradient is the kernel column / positions (4)
    expectArraysClose(
      gradients.dataSync().slice(0, 4),
      [0.25, 0.025, 0.025, 0.025],
      1e-7,
      'd channel 0 / d x',
    );
    expect(values.shape).toEqual([2]);
    tf.dispose([x, gradients, values]);
  });
});
