import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_BACKEND_NAMES, isBrowserBackendName } from './browser-backend-names.js';
import { initBrowserBackend } from './init-browser-backend.js';

// Node has no WebGPU or WebGL: this file registers neither (nor wasm), so the order and the reasons are checked on
// the real fallbacks; a fake `webgpu` factory checks that navigator.gpu is asked before tfjs is.
const notRegistered = (name: string) =>
  `the ${name} backend is not registered (import '@tensorflow/tfjs-backend-${name}' in the page)`;

describe('initBrowserBackend', () => {
  const hadNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  afterEach(() => {
    if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
    if (hadNavigator === undefined) delete (globalThis as { navigator?: unknown }).navigator;
    else Object.defineProperty(globalThis, 'navigator', hadNavigator);
  });

  it('falls back webgpu → webgl → wasm → cpu, naming why each was skipped, and reports cpu precision', async () => {
    const report = await initBrowserBackend();
    expect(report).toEqual({
      chosen: 'cpu',
      forced: false,
      skipped: ['webgpu', 'webgl', 'wasm'].map((backend) => ({ backend, reason: notRegistered(backend) })),
      floatPrecision: 32,
      epsilon: 1e-7,
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it.each([
    ['absent', undefined, 'navigator.gpu is absent (this browser has no WebGPU)'],
    [
      'without an adapter',
      { gpu: { requestAdapter: async () => null } },
      'navigator.gpu.requestAdapter() gave no adapter',
    ],
  ])(
    'skips a registered WebGPU when navigator.gpu is %s, before tfjs builds it',
    async (_, navigator, reason) => {
      let built = 0;
      tf.registerBackend('webgpu', () => {
        built++;
        throw new Error('not reached');
      });
      Object.defineProperty(globalThis, 'navigator', {
        value: navigator,
        configurable: true,
        writable: true,
      });
      const report = await initBrowserBackend();
      expect(report.skipped[0]).toEqual({ backend: 'webgpu', reason });
      expect(report.chosen).toBe('cpu');
      expect(built).toBe(0);
    },
  );

  it('uses a forced backend or fails with the reason', async () => {
    expect(await initBrowserBackend({ backend: 'cpu' })).toEqual({
      chosen: 'cpu',
      forced: true,
      skipped: [],
      floatPrecision: 32,
      epsilon: 1e-7,
    });
    await expect(initBrowserBackend({ backend: 'webgl' })).rejects.toThrow(
      `initBrowserBackend: the backend 'webgl' was requested but cannot be used: ${notRegistered('webgl')}`,
    );
  });

  it.each([['gpu'], ['node'], [''], ['WebGL']])('refuses the unknown backend %j by name', async (name) => {
    await expect(initBrowserBackend({ backend: name as never })).rejects.toThrow(
      `initBrowserBackend: options.backend is '${name}', which is not a browser backend; use one of webgpu, webgl, wasm, cpu.`,
    );
  });

  it('declares the names once, best first', () => {
    expect(BROWSER_BACKEND_NAMES).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(BROWSER_BACKEND_NAMES.every(isBrowserBackendName)).toBe(true);
    expect(isBrowserBackendName('tensorflow')).toBe(false);
  });
});
