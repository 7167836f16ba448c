import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';
import { loadModel, saveModel } from './model-io.js';

function smallModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [6, 6, 1],
      filters: 2,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tfl.layers.flatten());
  model.add(
    tfl.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

describe('saveModel / loadModel', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    dir = await mkdtemp(join(tmpdir(), 'openbox-model-io-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('round-trips architecture and weights: same predictions to the last bit', async () => {
    const model = smallModel();
    await saveModel(model, join(dir, 'm'));
    const loaded = await loadModel(join(dir, 'm', 'model.json'));
    const x = tf.randomUniform([2, 6, 6, 1], 0, 1, 'float32', 3);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Conv2D', 'Flatten', 'Dense']);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('names a missing file', async () => {
    await expect(loadModel(join(dir, 'nope', 'model.json'))).rejects.toThrow(
      `loadModel: no model file at ${join(dir, 'nope', 'model.json')}.`,
    );
  });

  it('names a directory given instead of a file', async () => {
    await expect(loadModel(dir)).rejects.toThrow('is not a file (expected the path of a model.json)');
  });

  it('names bad JSON', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"modelTopology": ');
    await expect(loadModel(path)).rejects.toThrow(`loadModel: ${path} is not valid JSON`);
  });

  it('names a JSON that is not a LayersModel', async () => {
    const path = join(dir, 'other.json');
    await writeFile(path, '{"hello": 1}');
    await expect(loadModel(path)).rejects.toThrow('has no modelTopology');
  });

  it('names a missing weights file', async () => {
    const model = smallModel();
    await saveModel(model, join(dir, 'noweights'));
    model.dispose();
    await rm(join(dir, 'noweights', 'weights.bin'));
    await expect(loadModel(join(dir, 'noweights', 'model.json'))).rejects.toThrow(
      /the weights file .*weights\.bin named in .* does not exist/,
    );
  });

  it('names a short weights file with the bytes expected and found', async () => {
    const model = smallModel();
    await saveModel(model, join(dir, 'short'));
    model.dispose();
    const full = await readFile(join(dir, 'short', 'weights.bin'));
    await writeFile(join(dir, 'short', 'weights.bin'), full.subarray(0, full.length - 8));
    await expect(loadModel(join(dir, 'short', 'model.json'))).rejects.toThrow(
      `hold ${full.length - 8} bytes, but its weightsManifest needs ${full.length}`,
    );
  });

  it('refuses weight paths that leave the model folder', async () => {
    const model = smallModel();
    await saveModel(model, join(dir, 'escape'));
    model.dispose();
    const json = JSON.parse(await readFile(join(dir, 'escape', 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    await mkdir(join(dir, 'escape2'));
    await writeFile(join(dir, 'escape2', 'model.json'), JSON.stringify(json));
    await expect(loadModel(join(dir, 'escape2', 'model.json'))).rejects.toThrow("leaves the model's folder");
  });
});
