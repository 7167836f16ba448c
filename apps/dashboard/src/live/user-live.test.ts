/** The live endpoint on a user's model (functional RGB 64×64 BatchNorm net, layers and graph) and their images. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatternImages } from '@openbox/datasets';
import { loadImageModel, saveModel, type ImageModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of the dashboard (no install in this change): its sources, by path.
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '@openbox/testing';
import { createDashboardApp } from '../create-dashboard-app.js';
import { useCpu } from '../test-live-helpers.js';
import { createImageLiveFunction } from './create-image-live-function.js';
import { LAYERS_MODEL_ONLY_METHODS, LIVE_METHODS, liveMethodsFor } from './live-methods.js';
import type { LiveDigitReply, LiveModelInfo, LiveOptions } from './live-types.js';
import { liveImageSource, userLive } from './user-live.js';

const SIZE = 64;
const CLASSES = ['horizontal', 'vertical'];
const MODEL: LiveModelInfo = { inputShape: [SIZE, SIZE, 3], classNames: CLASSES, lrTemplates: false };
const data = makePatternImages({ n: 6, size: SIZE, seed: 0, channels: 3 });
const images = {
  pixels: data.features,
  count: 6,
  labels: Array.from(data.target),
  files: Array.from({ length: 6 }, (_, i) => `${CLASSES[data.target[i]!]}/${i}.png`),
};

const post = (app: Hono, body: unknown) =>
  app.request('/api/live/digit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The net's logits without the adapter: global-average-pool features · dense kernel + bias. */
function independentLogits(model: tfl.LayersModel, x: Float32Array): number[] {
  const features = tfl.model({ inputs: model.inputs, outputs: model.getLayer('head/gap').output });
  const [kernel, bias] = model.getLayer('head/dense').getWeights();
  return tf.tidy(() => {
    const f = features.predict(tf.tensor4d(x, [1, SIZE, SIZE, 3])) as tf.Tensor2D;
    return Array.from(tf.add(tf.matMul(f, kernel!), bias!).dataSync());
  });
}

describe('live endpoint on a user model (functional RGB 64×64, cpu)', () => {
  let dir: string;
  let model: tfl.LayersModel;
  let layers: ImageModel;
  let graph: ImageModel;
  const appWith = (adapter: ImageModel, live: Partial<LiveOptions> = {}) =>
    createDashboardApp({
      resultsDir: dir,
      live: {
        predict: createImageLiveFunction(adapter),
        digits: liveImageSource(images, MODEL),
        methods: liveMethodsFor(adapter.kind),
        model: MODEL,
        ...live,
      },
    });

  beforeAll(async () => {
    await useCpu();
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-user-live-'));
    model = functionalRgbNet({ size: SIZE, seed: 5 });
    await saveModel(model, path.join(dir, 'layers'));
    await saveGraphModel(toGraphModelArtifacts(model), path.join(dir, 'graph'));
    layers = await loadImageModel(path.join(dir, 'layers', 'model.json'));
    graph = await loadImageModel(path.join(dir, 'graph', 'model.json'));
  });
  afterAll(async () => {
    model.dispose();
    (layers as unknown as { model: tfl.LayersModel }).model.dispose();
    (graph as unknown as { model: { dispose(): void } }).model.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('GET /info names the model; probabilities are the softmax of the logits, by class, with file and label', async () => {
    const info = await (await appWith(layers).request('/api/live/info')).json();
    expect(info.model).toEqual(MODEL);
    expect(info.methods).toEqual(LIVE_METHODS);
    const res = await post(appWith(layers), { index: 3 });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as LiveDigitReply;
    expect(reply.file).toBe(images.files[3]);
    expect(reply.label).toBe(images.labels[3]);
    expect(reply.lrScores).toEqual([]);
    expect(reply.pixels).toHaveLength(SIZE * SIZE * 3);
    const x = data.features.slice(3 * SIZE * SIZE * 3, 4 * SIZE * SIZE * 3);
    const logits = independentLogits(model, x);
    const z = logits.map((l) => Math.exp(l - Math.max(...logits)));
    const p = z.map((v) => v / z.reduce((a, b) => a + b, 0));
    reply.probabilities.forEach((q, k) => expect(q).toBeCloseTo(p[k]!, 5));
    expect(reply.activations.map((a) => a.layer)).toContain('block3/conv');
  });

  it('integrated gradients: a map of the input size (64×64) whose sum is the logit gap to a black image', async () => {
    const res = await post(appWith(layers), { index: 1, method: 'integrated-gradients', target: 1 });
    const reply = (await res.json()) as LiveDigitReply;
    expect(reply.attribution!.values).toHaveLength(SIZE * SIZE);
    const x = data.features.slice(SIZE * SIZE * 3, 2 * SIZE * SIZE * 3);
    const gap = independentLogits(model, x)[1]! - independentLogits(model, new Float32Array(x.length))[1]!;
    const sum = reply.attribution!.values.reduce((a, b) => a + b, 0);
    // 16 live quadrature steps: completeness within a few percent.
    expect(Math.abs(sum - gap)).toBeLessThan(0.05 * Math.max(1, Math.abs(gap)));
  });

  it('--scale -1-1: the model sees 2u − 1', async () => {
    const predict = createImageLiveFunction(layers, { scale: '-1-1' });
    const x = data.features.slice(0, SIZE * SIZE * 3);
    const r = await predict(x);
    const logits = independentLogits(
      model,
      x.map((u) => 2 * u - 1),
    );
    expect(r.probabilities[1]! / r.probabilities[0]!).toBeCloseTo(Math.exp(logits[1]! - logits[0]!), 4);
  });

  it('a graph model: no LayersModel-only method offered; its saliency map equals the layers model’s', async () => {
    const methods = liveMethodsFor('graph');
    expect(methods).toEqual(LIVE_METHODS.filter((m) => !LAYERS_MODEL_ONLY_METHODS.includes(m)));
    const deeplift = await post(appWith(graph), { index: 0, method: 'deeplift' });
    expect(deeplift.status).toBe(400);
    const before = tf.memory().numTensors;
    const [g, l] = (await Promise.all(
      [graph, layers].map(async (a) => {
        const res = await post(appWith(a), { index: 2, method: 'saliency', target: 0 });
        return ((await res.json()) as LiveDigitReply).attribution!.values;
      }),
    )) as [readonly number[], readonly number[]];
    expect(tf.memory().numTensors).toBe(before);
    const peak = Math.max(...l.map(Math.abs));
    expect(Math.max(...g.map((v, i) => Math.abs(v - l[i]!)))).toBeLessThan(1e-4 * peak);
  });

  it('GET /live: the picker lists the files and classes; the page says the LR templates are omitted', async () => {
    const html = await (await appWith(layers).request('/live')).text();
    expect(html).toContain('Live: your model on your images');
    expect(html).toContain(
      `<option value="3">3: ${images.files[3]} (${CLASSES[images.labels[3]!]})</option>`,
    );
    expect(html).toContain('<option value="1">vertical</option>');
    expect(html).toContain('id="live-no-lr"');
    expect(html).toContain('data-height="64"');
  });

  it('userLive: the model in a worker answers as in this thread', async () => {
    const live = await userLive({
      modelPath: path.join(dir, 'layers', 'model.json'),
      kind: 'layers',
      model: MODEL,
      images,
      scale: '0-1',
    });
    try {
      const app = createDashboardApp({ resultsDir: dir, live });
      const [worker, here] = (await Promise.all(
        [app, appWith(layers)].map(async (a) => {
          const res = await post(a, { index: 4, method: 'gradcam' });
          return (await res.json()) as LiveDigitReply;
        }),
      )) as [LiveDigitReply, LiveDigitReply];
      expect(worker.attribution!.values).toHaveLength(SIZE * SIZE);
      worker.probabilities.forEach((p, k) => expect(p).toBeCloseTo(here.probabilities[k]!, 5));
      worker.attribution!.values.forEach((v, i) => expect(v).toBeCloseTo(here.attribution!.values[i]!, 4));
    } finally {
      await live.close();
    }
  });
});
