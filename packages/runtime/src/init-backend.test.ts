import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';
import { nodeBindingProblem } from './node-binding.js';

describe('initBackend', () => {
  const saved = process.env['OPENBOX_BACKEND'];
  afterEach(() => {
    if (saved === undefined) delete process.env['OPENBOX_BACKEND'];
    else process.env['OPENBOX_BACKEND'] = saved;
  });

  it('picks the best backend that loads and says why each better one was skipped', async () => {
    delete process.env['OPENBOX_BACKEND'];
    const report = await initBackend();
    expect(['gpu', 'node', 'wasm', 'cpu']).toContain(report.chosen);
    expect(tf.getBackend()).toBe(report.tfBackend);
    const order = ['gpu', 'node', 'wasm', 'cpu'];
    expect(report.skipped.map((s) => s.backend)).toEqual(order.slice(0, order.indexOf(report.chosen)));
    for (const skip of report.skipped) expect(skip.reason.length).toBeGreaterThan(10);
    expect(tf.add(tf.scalar(1), tf.scalar(2)).arraySync()).toBe(3);
  });

  it('honours OPENBOX_BACKEND and options.backend, and is idempotent', async () => {
    process.env['OPENBOX_BACKEND'] = 'cpu';
    const viaEnv = await initBackend();
    expect(viaEnv).toMatchObject({ chosen: 'cpu', tfBackend: 'cpu', forced: true });
    expect(await initBackend()).toBe(viaEnv);
    const wasm = await initBackend({ backend: 'wasm' });
    expect(wasm).toMatchObject({ chosen: 'wasm', tfBackend: 'wasm', forced: true });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('names the bad value when OPENBOX_BACKEND is not a backend', async () => {
    process.env['OPENBOX_BACKEND'] = 'tpu';
    await expect(initBackend()).rejects.toThrow(
      "initBackend: OPENBOX_BACKEND is 'tpu', which is not a backend; use one of gpu, node, wasm, cpu.",
    );
  });

  it('says why a forced backend cannot load', async () => {
    if (nodeBindingProblem('@tensorflow/tfjs-node') === undefined) {
      // On a machine where tfjs-node works, forcing it must succeed instead.
      expect((await initBackend({ backend: 'node' })).tfBackend).toBe('tensorflow');
    } else {
      await expect(initBackend({ backend: 'node' })).rejects.toThrow(
        /^initBackend: the backend 'node' was requested but cannot be used: /,
      );
    }
  });
});
