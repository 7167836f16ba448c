import type { Hono } from 'hono';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { createFixtureWorkerLive } from '../fixtures/fixture-worker-live.js';
import { fixtureDir } from '../test-helpers.js';
import { syntheticDigits, tinyCnn, tinyLr, useCpu } from '../test-live-helpers.js';
import { createLiveFunction } from './create-live-function.js';
import { LIVE_METHOD_SETTINGS, LIVE_METHODS } from './live-methods.js';
import type { LiveDigitReply, LiveFunction, LiveOptions } from './live-types.js';

const post = (app: Hono, body: unknown, raw = false) =>
  app.request('/api/live/digit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });

/** The CNN's logits computed layer by layer (the dense layer without its softmax): an independent forward. */
const logitsOf = (cnn: LayersModel, x: Float32Array): Float32Array =>
  tf.tidy(() => {
    let h: tf.Tensor = tf.tensor(x, [1, 28, 28, 1]);
    for (const layer of cnn.layers.slice(0, -1)) h = layer.apply(h) as tf.Tensor;
    const [kernel, bias] = cnn.layers[cnn.layers.length - 1]!.getWeights();
    return tf.add(tf.matMul(h, kernel!), bias!).dataSync() as Float32Array;
  });

const spread = (values: readonly number[]) => Math.max(...values) - Math.min(...values);
const METHOD = LIVE_METHODS[0]!;

describe('live attribution (fixture CNN, cpu)', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let cnn: LayersModel;
  let predict: LiveFunction;
  let dispose: () => void;
  const digits = syntheticDigits(100);
  const appWith = (live: Partial<LiveOptions> = {}) =>
    createDashboardApp({
      resultsDir: ctx.dir,
      live: { predict, digits, methods: LIVE_METHODS, ...live },
    });

  beforeAll(async () => {
    await useCpu();
    ctx = await fixtureDir();
    cnn = tinyCnn();
    const { w, b } = tinyLr();
    predict = createLiveFunction({ cnn, lrWeights: w, lrBias: b });
    dispose = () => (tf.dispose([w, b]), cnn.dispose());
  });
  afterAll(async () => {
    dispose();
    await ctx.cleanup();
  });

  it('offers the registered methods that have live settings, in the registry order', () => {
    expect(LIVE_METHODS.length).toBeGreaterThan(0);
    for (const m of LIVE_METHODS) expect(Object.keys(LIVE_METHOD_SETTINGS)).toContain(m);
    expect(LIVE_METHODS).toContain('saliency');
  });

  it('saliency is ∂logit_t/∂x: central finite differences of an independent forward at 20 pixels', async () => {
    const x = digits.get(4).pixels;
    const r = await predict(x, undefined, { method: 'saliency', target: 3 });
    expect(r.attribution?.target).toBe(3);
    const values = r.attribution!.values;
    expect(values).toHaveLength(784);
    const h = 1e-3; // piecewise linear net: exact away from kinks; float32 logits (~1e-7) / 2h ≈ 1e-4 rounding
    for (let k = 0; k < 20; k++) {
      const i = (k * 389 + 31) % 784;
      const up = Float32Array.from(x);
      const down = Float32Array.from(x);
      up[i]! += h;
      down[i]! -= h;
      const fd = (logitsOf(cnn, up)[3]! - logitsOf(cnn, down)[3]!) / (2 * h);
      expect(values[i]).toBeCloseTo(fd, 3);
    }
  });

  it('input × gradient is the pixel times the signed saliency; Grad-CAM (after ReLU) is non-negative and not zero for the predicted class', async () => {
    const x = digits.get(2).pixels;
    const ask = (method: string) => predict(x, undefined, { method, target: 6 });
    const grad = (await ask('saliency')).attribution!.values;
    const ixg = (await ask('input-x-gradient')).attribution!.values;
    // Same gradient twice in float32: the product differs by float32 rounding only.
    ixg.forEach((v, i) => expect(v).toBeCloseTo(x[i]! * grad[i]!, 6));
    const cam = (await predict(x, undefined, { method: 'gradcam', target: null })).attribution!.values;
    expect(Math.min(...cam)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...cam)).toBeGreaterThan(0);
  });

  it.each(LIVE_METHODS.map((m) => [m]))(
    '%s: 784 finite values that are not all equal, the predicted class by default, no tensor leaked',
    async (method) => {
      const x = digits.get(7).pixels;
      await predict(x, undefined, { method, target: null }); // warm-up
      const before = tf.memory().numTensors;
      const r = await predict(x, undefined, { method, target: null });
      expect(tf.memory().numTensors).toBe(before);
      const p = r.probabilities;
      expect(r.attribution?.method).toBe(method);
      expect(r.attribution?.target).toBe(p.indexOf(Math.max(...p)));
      expect(r.attribution!.values).toHaveLength(784);
      expect(r.attribution!.values.every(Number.isFinite)).toBe(true);
      expect(spread(r.attribution!.values)).toBeGreaterThan(0);
      // Asking for the predicted class by number gives the same map.
      const again = await predict(x, undefined, { method, target: r.attribution!.target });
      expect(again.attribution!.values).toEqual(r.attribution!.values);
    },
  );

  it('POST { index, method } answers the attribution of the predicted class; { target } picks the class', async () => {
    const app = appWith();
    const res = await post(app, { index: 5, method: METHOD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as LiveDigitReply;
    expect(body.attribution).toMatchObject({ method: METHOD, target: body.prediction });
    expect(body.attribution!.values).toHaveLength(784);
    const other = (body.prediction + 1) % 10;
    const res2 = await post(app, { index: 5, method: METHOD, target: other });
    const body2 = (await res2.json()) as LiveDigitReply;
    expect(body2.attribution!.target).toBe(other);
    expect(body2.attribution!.values).not.toEqual(body.attribution!.values);
    // Without method: no attribution (the page's first request is unchanged).
    const plain = (await (await post(app, { index: 5 })).json()) as LiveDigitReply;
    expect(plain.attribution).toBeUndefined();
    const info = (await (await app.request('/api/live/info')).json()) as { methods: string[] };
    expect(info.methods).toEqual(LIVE_METHODS);
  });

  it.each([
    [
      'an unknown method',
      { index: 0, method: 'magic' },
      `method must be one of ${LIVE_METHODS.join(', ')}, got "magic"`,
    ],
    ['a numeric method', { index: 0, method: 3 }, `method must be one of ${LIVE_METHODS.join(', ')}, got 3`],
    ['a method with markup', { index: 0, method: '<b>"x' }, 'got "<b>\\"x"'],
    ['a target of 10', { index: 0, method: METHOD, target: 10 }, 'target must be an integer class in [0, 9]'],
    [
      'a negative target',
      { index: 0, method: METHOD, target: -1 },
      'target must be an integer class in [0, 9]',
    ],
    [
      'a fractional target',
      { index: 0, method: METHOD, target: 1.5 },
      'target must be an integer class in [0, 9]',
    ],
    [
      'a string target',
      { index: 0, method: METHOD, target: '3' },
      'target must be an integer class in [0, 9]',
    ],
    ['a target without method', { index: 0, target: 3 }, 'target needs a method'],
    ['a method with bad pixels', { pixels: [1], method: METHOD }, 'pixels must be an array of 784 numbers'],
  ])('answers 400 for %s', async (_name, body, message) => {
    const res = await post(appWith(), body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('answers 400 for a method when the live model computes no attributions', async () => {
    const res = await post(appWith({ methods: [] }), { index: 0, method: METHOD });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      'this live model does not compute attributions; send the body without "method"',
    );
  });

  it('answers 413 for an oversized body before parsing it', async () => {
    const big = JSON.stringify({ index: 0, method: 'x'.repeat(70_000) });
    const res = await post(appWith(), big, true);
    expect(res.status).toBe(413);
  });

  it('answers 500 when the model omits the attribution it was asked for', async () => {
    const app = appWith({ predict: (x) => predict(x) });
    const res = await post(app, { index: 0, method: METHOD });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toContain('attribution must be');
  });

  it('GET /live offers the methods (with their registry description) and the classes; none without methods', async () => {
    const page = await (await appWith().request('/live')).text();
    const options = [...page.matchAll(/<option value="([^"]*)" title="([^"]*)">/g)];
    expect(options.map((m) => m[1])).toEqual(LIVE_METHODS);
    for (const m of options) expect(m[2]!.length).toBeGreaterThan(10);
    expect(page).toContain('<option value="" selected>predicted</option>');
    expect(page).toContain('<option value="9">9</option>');
    expect(page).toContain('<canvas id="live-attribution" width="224" height="224" data-state="idle">');
    const plain = await (await appWith({ methods: [] }).request('/live')).text();
    expect(plain).not.toContain('live-method');
    expect(plain).not.toContain('live-attribution');
  });

  it('the worker-backed live model answers the same attribution as the in-thread one', async () => {
    const worker = createFixtureWorkerLive();
    try {
      await worker.ready();
      const body = { index: 9, method: METHOD, target: 2 };
      const viaWorker = (await (await post(appWith(worker), body)).json()) as LiveDigitReply;
      const inThread = (await (await post(appWith(), body)).json()) as LiveDigitReply;
      expect(viaWorker.attribution!.target).toBe(2);
      // Same seeded CNN, same cpu kernels: equal to float32 rounding.
      viaWorker.attribution!.values.forEach((v, i) =>
        expect(v).toBeCloseTo(inThread.attribution!.values[i]!, 5),
      );
    } finally {
      await worker.close();
    }
  }, 60_000);
});
