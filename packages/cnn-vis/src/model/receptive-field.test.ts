import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraphModel, imageModelOf, initBackend, ModelAdapter, type ImageModel } from '@openbox/runtime';
import { functionalRgbNet, toGraphModelArtifacts } from '@openbox/testing';
import { receptiveField } from './receptive-field.js';

const P = 'StatefulPartitionedCall/functional_rgb_net';
let layers: ImageModel;
let graph: ImageModel;

beforeAll(async () => {
  await initBackend();
  const model = functionalRgbNet({ seed: 1, size: 32 });
  layers = new ModelAdapter(model);
  const a = toGraphModelArtifacts(model, { unfused: ['block2/conv_b'] });
  graph = imageModelOf(
    await buildGraphModel({ ...a.modelTopology }, a.signature, a.weightSpecs, a.weightData, 'memory'),
  );
});

// Closed forms on the functional net (32 px): block1/conv 3×3 same → start −1, size 3, jump 1; block1/pool 2/2 →
// start −1, size 4, jump 2; conv_a 3×3 same → start −3, size 8; conv_b 1×1 → start −1, size 4; add/concat: their
// union, start −3, size 8; block3/conv 3×3 stride 2 valid → start −3, size 12, jump 4.
const CASES = [
  ['block1/conv', `${P}/block1/conv/BiasAdd`, 0, 0, { y0: 0, x0: 0, y1: 2, x1: 2 }],
  ['block1/pool', `${P}/block1/pool/MaxPool`, 1, 1, { y0: 1, x0: 1, y1: 5, x1: 5 }],
  ['block2/conv_b', `${P}/block2/conv_b/Relu`, 2, 1, { y0: 3, x0: 1, y1: 7, x1: 5 }],
  ['block2/add', `${P}/block2/add/add`, 2, 2, { y0: 1, x0: 1, y1: 9, x1: 9 }],
  ['block2/concat', `${P}/block2/concat/concat`, 15, 15, { y0: 27, x0: 27, y1: 32, x1: 32 }],
  ['block3/conv', `${P}/block3/conv/Relu`, 2, 3, { y0: 5, x0: 9, y1: 17, x1: 21 }],
] as const;

describe('receptiveField', () => {
  it.each(CASES)('%s (graph node %s) at (%i, %i)', (layer, node, y, x, box) => {
    expect(receptiveField(layers, layer, y, x)).toEqual(box);
    expect(receptiveField(graph, node, y, x)).toEqual(box);
  });

  it('sees one pixel at the input and names the function for an unknown layer', () => {
    expect(receptiveField(graph, 'input', 4, 5)).toEqual({ y0: 4, x0: 5, y1: 5, x1: 6 });
    expect(() => receptiveField(graph, 'block3/convx', 0, 0)).toThrow(
      "receptiveField: unknown layer 'block3/convx'. Layers in this model:",
    );
    // A Keras layer name stands for the last node of its scope, here block3/conv's Relu.
    expect(receptiveField(graph, 'block3/conv', 1, 2)).toEqual(
      receptiveField(graph, graph.layer('block3/conv').name, 1, 2),
    );
  });
});
