import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter } from '@openbox/cnn-vis';
import {
  buildGraphModel,
  buildReferenceCnn,
  createRng,
  GraphModelAdapter,
  imageModelOf,
  initBackend,
  reinitializedCopy,
  reinitializedGraphCopy,
  requireLayersModel,
} from '@openbox/runtime';
// @openbox/testing is not a dependency of the suite; its sources are imported directly (as own-model-suite.test.ts does).
import { functionalRgbNet, toGraphModelArtifacts } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_COUNT, controlModels, controlSeeds } from './control-models.js';

/** Every weight of the model, in order, as plain arrays. */
const weights = (m: tfl.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('controlModels', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('derives three seeds from the run seed: successive tfSeed()s of createRng(seed).fork("model-randomization")', () => {
    const rng = createRng(0).fork('model-randomization');
    const expected = [rng.tfSeed(), rng.tfSeed(), rng.tfSeed()];
    expect(CONTROL_COUNT).toBe(3);
    expect(controlSeeds(0)).toEqual(expected);
    expect(new Set(expected).size).toBe(3);
    expect(controlSeeds(1)).not.toEqual(expected);
  });

  it("re-initializes the model's own architecture: each control is reinitializedCopy with its seed", async () => {
    const model = buildReferenceCnn({ seed: 3 }); // stands for a user's --model: any architecture is redrawn
    const adapter = new ModelAdapter(model);
    const controls = await controlModels({ seed: 5 }, adapter);
    expect(controls.map((c) => [c.label, c.seed])).toEqual(
      controlSeeds(5).map((seed) => [`re-initialized (seed ${seed})`, seed]),
    );
    for (const control of controls) {
      const copy = reinitializedCopy(model, { seed: control.seed });
      const built = requireLayersModel(control.adapter, 'test');
      expect(weights(built)).toEqual(weights(copy));
      expect(built.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
      expect(weights(built)[0]).not.toEqual(weights(model)[0]);
      copy.dispose();
    }
  });

  it('builds them once per process, model and run seed', async () => {
    const adapter = new ModelAdapter(buildReferenceCnn({ seed: 4 }));
    const first = controlModels({ seed: 0 }, adapter);
    expect(controlModels({ seed: 0 }, adapter)).toBe(first);
    // The same model seen through another adapter shares them; another seed or another model does not.
    expect(controlModels({ seed: 0 }, new ModelAdapter(adapter.model))).toBe(first);
    expect(controlModels({ seed: 1 }, adapter)).not.toBe(first);
    const before = tf.memory().numTensors;
    const other = await controlModels({ seed: 0 }, new ModelAdapter(buildReferenceCnn({ seed: 4 })));
    expect(other).not.toBe(await first);
    // Each control holds the reference architecture's 6 weights; the other model's own 6 plus 3 × 6.
    expect(tf.memory().numTensors - before).toBe(6 + CONTROL_COUNT * 6);
  });

  it('rejects a model it cannot redraw, and tries again at the next call', async () => {
    // A model whose conv2 kernel is configured Orthogonal (set on the layer, as a loaded model.json would).
    const model = buildReferenceCnn({ seed: 1 });
    (model.getLayer('conv2') as unknown as { kernelInitializer: unknown }).kernelInitializer =
      tfl.initializers.orthogonal({});
    const adapter = new ModelAdapter(model);
    const message =
      "reinitializedCopy: layer 'conv2' initializes 'kernel' with Orthogonal, which OpenBox cannot redraw; it draws Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal and VarianceScaling (with its Glorot, He and LeCun forms).";
    const before = tf.memory().numTensors;
    const first = controlModels({ seed: 0 }, adapter);
    await expect(first).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    const again = controlModels({ seed: 0 }, adapter);
    expect(again).not.toBe(first);
    await expect(again).rejects.toThrow(message);
  });

  it('re-initializes a graph model: each control is reinitializedGraphCopy with its seed, built once', async () => {
    const model = functionalRgbNet({ seed: 2, size: 16 });
    const a = toGraphModelArtifacts(model);
    model.dispose();
    const adapter = imageModelOf(
      await buildGraphModel({ ...a.modelTopology }, a.signature, a.weightSpecs, a.weightData, 'mem'),
    );
    const controls = await controlModels({ seed: 5 }, adapter);
    expect(await controlModels({ seed: 5 }, adapter)).toBe(controls);
    expect(controls.map((c) => c.seed)).toEqual(controlSeeds(5));
    const filter = 'StatefulPartitionedCall/functional_rgb_net/block3/conv/Conv2D/ReadVariableOp';
    for (const control of controls) {
      expect(control.adapter).toBeInstanceOf(GraphModelAdapter);
      const copy = reinitializedGraphCopy(adapter as GraphModelAdapter, { seed: control.seed });
      const mine = (control.adapter as GraphModelAdapter).model.weights[filter]![0]!.dataSync();
      expect(Array.from(mine)).toEqual(Array.from(copy.model.weights[filter]![0]!.dataSync()));
      copy.model.dispose();
    }
  });
});
