/** Picks the fastest TensorFlow.js backend a browser offers: WebGPU → WebGL → wasm → cpu, and says why. */
import * as tf from '@tensorflow/tfjs-core';
import {
  BROWSER_BACKEND_NAMES,
  isBrowserBackendName,
  type BrowserBackendName,
} from './browser-backend-names.js';
import { BROWSER_MESSAGES as MESSAGES } from './messages.js';

/** What `initBrowserBackend` chose, and why each better backend was skipped. */
export interface BrowserBackendReport {
  readonly chosen: BrowserBackendName;
  /** True when `options.backend` named it. */
  readonly forced: boolean;
  /** Better backends that were tried and could not be used, with the reason. */
  readonly skipped: readonly { readonly backend: BrowserBackendName; readonly reason: string }[];
  /**
   * Bits per float the backend computes with: 32, or 16 on a WebGL that cannot render to float32 textures
   * (`WEBGL_RENDER_FLOAT32_ENABLED`; tfjs's own `floatPrecision()` says 16 on every WebGL that can).
   */
  readonly floatPrecision: 16 | 32;
  /** `tf.backend().epsilon()`: 1e-7, but 1e-4 on WebGL (the ε tfjs's optimizers add by default; pass your own). */
  readonly epsilon: number;
}

/** The chosen backend's float precision and epsilon. */
function precision(name: BrowserBackendName): { floatPrecision: 16 | 32; epsilon: number } {
  const float32 = name !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return { floatPrecision: float32 ? 32 : 16, epsilon: tf.backend().epsilon() };
}

export interface InitBrowserBackendOptions {
  /** Use this backend or fail; default: the best that initializes. */
  readonly backend?: BrowserBackendName;
}

interface GpuNavigator {
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

/** The reason `name` cannot run here, or undefined when it may (its factory registered, WebGPU with an adapter). */
async function unavailable(name: BrowserBackendName): Promise<string | undefined> {
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (tf.findBackendFactory(name) === null) return MESSAGES.notRegistered(name);
  if (name !== 'webgpu') return undefined;
  const nav = (globalThis as { navigator?: GpuNavigator }).navigator;
  if (nav?.gpu === undefined) return MESSAGES.noNavigatorGpu;
  return (await nav.gpu.requestAdapter()) === null ? MESSAGES.noGpuAdapter : undefined;
}

async function activate(name: BrowserBackendName): Promise<void> {
  const reason = await unavailable(name);
  if (reason !== undefined) throw new Error(reason);
  if (!(await tf.setBackend(name))) throw new Error(MESSAGES.didNotInitialize(name));
  await tf.ready();
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();

/**
 * Initializes TensorFlow.js in a browser on the best backend that works: `webgpu` when `navigator.gpu` gives an
 * adapter, else `webgl`, else `wasm`, else `cpu`. The page registers the backends it ships by importing them
 * (`import '@tensorflow/tfjs-backend-webgl'`, `-webgpu`, `-wasm` with `setWasmPaths`); one that is not
 * registered is skipped with that reason; `cpu` is always available (imported here).
 * @example
 * import '@tensorflow/tfjs-backend-webgl';
 * const report = await initBrowserBackend(); // { chosen: 'webgl', skipped: [{ backend: 'webgpu', reason: … }] }
 */
export async function initBrowserBackend(
  options: InitBrowserBackendOptions = {},
): Promise<BrowserBackendReport> {
  const forced = options.backend;
  if (forced !== undefined) {
    if (!isBrowserBackendName(forced)) throw new Error(MESSAGES.unknownBackend(String(forced)));
    try {
      await activate(forced);
    } catch (error) {
      throw new Error(MESSAGES.forcedFailed(forced, firstLine(error)));
    }
    return { chosen: forced, forced: true, skipped: [], ...precision(forced) };
  }
  const skipped: { backend: BrowserBackendName; reason: string }[] = [];
  for (const name of BROWSER_BACKEND_NAMES) {
    try {
      await activate(name);
      return { chosen: name, forced: false, skipped, ...precision(name) };
    } catch (error) {
      skipped.push({ backend: name, reason: firstLine(error) });
    }
  }
  throw new Error(MESSAGES.noBackend(skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')));
}
