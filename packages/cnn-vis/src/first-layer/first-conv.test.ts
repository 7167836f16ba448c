import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildGraphModel, imageModelOf, ModelAdapter, type ImageModel } from '@openbox/runtime';
import { expectArraysClose, functionalRgbNet, toGraphModelArtifacts } from '@openbox/testing';
import { linearUnitModel, setupBackend } from '../test-models.js';
import { filterGrid } from './filter-grid.js';
import { filterOf, firstConvKernels } from './first-conv.js';
import { HAND_FILTERS, handConvModel } from './test-hand-conv.js';

beforeAll(setupBackend);

describe('firstConvKernels / filterOf on a hand-set 2×3×3×4 conv behind another layer', () => {
  it('finds the Conv2D (not the first layer), copies its kernel and bias, and filterOf reads [kh, kw, cin] per filter', () => {
    const before = tf.memory().numTensors;
    const model = handConvModel(HAND_FILTERS, 2, 3, 3, [0.5, -1, 2, 0.25]);
    const k = firstConvKernels(model);
    expect(k.layer).toBe('hand');
    expect(k.shape).toEqual([2, 3, 3, 4]);
    // Copies of float32 values: tolerance 0.
    expectArraysClose(k.bias!, [0.5, -1, 2, 0.25], 0, 'bias');
    HAND_FILTERS.forEach((w, f) => expectArraysClose(filterOf(k, f), Float32Array.from(w), 0, `filter ${f}`));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a conv without bias gives bias undefined', () => {
    const model = handConvModel(HAND_FILTERS, 2, 3, 3);
    expect(firstConvKernels(model).bias).toBeUndefined();
    model.dispose();
  });

  it('a model without Conv2D throws, naming the caller (default firstConvKernels) and the layers', () => {
    const model = linearUnitModel(new Float32Array(4), 2, 2, 1);
    expect(() => firstConvKernels(model)).toThrow(
      'firstConvKernels: the model has no Conv2D layer. Layers: flat, unit.',
    );
    expect(() => firstConvKernels(model, 'somebody')).toThrow(
      'somebody: the model has no Conv2D layer. Layers: flat, unit.',
    );
    model.dispose();
  });
});

describe('firstConvKernels / filterGrid on graph models', () => {
  const graphOf = async (model: tfl.LayersModel): Promise<ImageModel> => {
    const a = toGraphModelArtifacts(model);
    return imageModelOf(
      await buildGraphModel({ ...a.modelTopology }, a.signature, a.weightSpecs, a.weightData, 'mem'),
    );
  };

  it('reads the first Conv2D node (plain Conv2D + BiasAdd) as the LayersModel layer it came from', async () => {
    const model = functionalRgbNet({ seed: 2, size: 16 });
    const graph = await graphOf(model);
    const fromGraph = firstConvKernels(graph);
    const fromLayers = firstConvKernels(new ModelAdapter(model));
    expect(fromGraph.layer).toBe('StatefulPartitionedCall/functional_rgb_net/block1/conv/Conv2D');
    expect(fromLayers.layer).toBe('block1/conv');
    expect(fromGraph.shape).toEqual([3, 3, 3, 8]);
    expect(Array.from(fromGraph.kernel)).toEqual(Array.from(fromLayers.kernel));
    expect(Array.from(fromGraph.bias!)).toEqual(Array.from(fromLayers.bias!));
    const grid = filterGrid(graph, { scaling: 'shared' });
    expect(grid.rows).toEqual(filterGrid(model, { scaling: 'shared' }).rows);
  });

  it('reads a _FusedConv2D node with its fused bias', async () => {
    const input = tfl.input({ shape: [8, 8, 1] });
    const conv = tfl.layers
      .conv2d({
        name: 'c1',
        filters: 2,
        kernelSize: 3,
        activation: 'relu',
        biasInitializer: tfl.initializers.constant({ value: 0.5 }),
      })
      .apply(input) as tfl.SymbolicTensor;
    const flat = tfl.layers.flatten({ name: 'f' }).apply(conv) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: flat, name: 'm' });
    const k = firstConvKernels(await graphOf(model));
    expect(k.layer).toBe('StatefulPartitionedCall/m/c1/Relu');
    expect(Array.from(k.bias!)).toEqual([0.5, 0.5]);
    expect(Array.from(k.kernel)).toEqual(Array.from(model.getLayer('c1').getWeights()[0]!.dataSync()));
  });

  it('a graph without a conv node throws, listing the nodes', async () => {
    const input = tfl.input({ shape: [2, 2, 1] });
    const flat = tfl.layers.flatten({ name: 'f' }).apply(input) as tfl.SymbolicTensor;
    const graph = await graphOf(tfl.model({ inputs: input, outputs: flat, name: 'm' }));
    expect(() => firstConvKernels(graph, 'filterGrid')).toThrow(
      'filterGrid: the model has no Conv2D layer. Layers: StatefulPartitionedCall/m/f/Reshape, Identity.',
    );
  });
});
