/** reinitializedCopy's refusals: exact messages, thrown before any tensor is made, the original left intact. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { ModelRandomizationError } from './model-randomization-error.js';
import { reinitializedCopy } from './reinitialized-copy.js';
import { differing, sequentialModel, weightsOf } from './test-models.js';

describe('reinitializedCopy: what it refuses', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  /** A dense model whose kernel is configured Orthogonal, loaded from its artifacts (no initializer runs). */
  async function orthogonalModel(): Promise<tfl.LayersModel> {
    const m = tfl.sequential();
    m.add(tfl.layers.dense({ name: 'hidden', inputShape: [4], units: 4 }));
    m.add(tfl.layers.dense({ name: 'top', units: 2 }));
    let artifacts: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(
        async (a) => (
          (artifacts = a),
          { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
        ),
      ),
    );
    m.dispose();
    const json = JSON.stringify(artifacts!.modelTopology).replace(
      /"kernel_initializer":\{"class_name":"VarianceScaling","config":\{[^}]*\}\}/,
      '"kernel_initializer":{"class_name":"Orthogonal","config":{"gain":1,"seed":null}}',
    );
    expect(json).toContain('Orthogonal');
    return tfl.loadLayersModel(tf.io.fromMemory({ ...artifacts!, modelTopology: JSON.parse(json) }));
  }

  it('an Orthogonal initializer: the layer and initializer named, no tensor made, the original intact', async () => {
    const m = await orthogonalModel();
    const before = weightsOf(m);
    const start = tf.memory().numTensors;
    const attempt = () => reinitializedCopy(m, { seed: 1 });
    expect(attempt).toThrow(ModelRandomizationError);
    expect(attempt).toThrow(
      "reinitializedCopy: layer 'hidden' initializes 'kernel' with Orthogonal, which OpenBox cannot redraw; it draws Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal and VarianceScaling (with its Glorot, He and LeCun forms).",
    );
    expect(tf.memory().numTensors).toBe(start);
    // Only the other layer can be redrawn.
    reinitializedCopy(m, { seed: 1, layers: ['top'] }).dispose();
    expect(tf.memory().numTensors).toBe(start);
    for (const [layer, w] of weightsOf(m))
      w.forEach((v, i) => expect(differing(v, before.get(layer)![i]!)).toBe(0));
    m.dispose();
  });

  it.each([
    [
      { seed: 1, layers: ['nope'] },
      "reinitializedCopy: options.layers names 'nope', which is not a layer of the model (its layers with weights: conv, bn, dense).",
    ],
    [
      { seed: 1, layers: ['flat'] },
      "reinitializedCopy: options.layers names 'flat', which has no weights (layers with weights: conv, bn, dense).",
    ],
    [{ seed: Number.NaN }, 'reinitializedCopy: options.seed must be a finite number, got NaN.'],
    [{ seed: '1' as unknown as number }, 'reinitializedCopy: options.seed must be a finite number, got 1.'],
  ])('bad options %j', (options, message) => {
    const m = sequentialModel();
    const start = tf.memory().numTensors;
    expect(() => reinitializedCopy(m, options)).toThrow(message);
    expect(tf.memory().numTensors).toBe(start);
    m.dispose();
  });

  it("an LSTM's unitForgetBias bias, which no single initializer draws", () => {
    const m = tfl.sequential();
    m.add(
      tfl.layers.lstm({
        name: 'lstm',
        units: 2,
        inputShape: [3, 2],
        recurrentInitializer: 'glorotUniform',
        unitForgetBias: true,
      }),
    );
    expect(() => reinitializedCopy(m, { seed: 1 })).toThrow(
      "reinitializedCopy: layer 'lstm' has unitForgetBias set, so its bias is not drawn from biasInitializer alone; OpenBox cannot redraw it.",
    );
    m.dispose();
  });

  it('a weight whose initializer it cannot find: an unknown weight name, or a config without the field', () => {
    const m = sequentialModel();
    (m.getLayer('dense').weights[1] as unknown as { originalName: string }).originalName = 'dense/offsets';
    expect(() => reinitializedCopy(m, { seed: 1, layers: ['dense'] })).toThrow(
      "reinitializedCopy: layer 'dense' has the weight 'offsets', whose initializer OpenBox does not know where to find; re-initialize only layers whose weights are kernels, biases, depthwise/pointwise kernels, recurrent kernels, embeddings, alpha, or BatchNormalization gamma/beta/moving statistics.",
    );
    (m.getLayer('conv') as unknown as { kernelInitializer: unknown }).kernelInitializer = null;
    expect(() => reinitializedCopy(m, { seed: 1, layers: ['conv'] })).toThrow(
      "reinitializedCopy: layer 'conv' has the weight 'kernel', but its config has no 'kernelInitializer' to redraw it from.",
    );
    m.dispose();
  });
});
