/** Picks the fastest TensorFlow.js backend that works here: gpu → node → wasm (with OpenBox kernels) → cpu. */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_NAMES, isBackendName, type BackendName } from './backend-names.js';
import { registerWasmKernels } from './kernels/register-wasm-kernels.js';
import { MESSAGES } from './messages.js';
import { nodeBindingProblem } from './node-binding.js';
import { silenceCpuBanner } from './silence-cpu-banner.js';

/** What `initBackend` chose, and why each better backend was skipped. */
export interface BackendReport {
  /** OpenBox's name of the backend in use. */
  readonly chosen: BackendName;
  /** tfjs's name of it (`tensorflow` for both tfjs-node packages). */
  readonly tfBackend: string;
  /** True when OPENBOX_BACKEND or `options.backend` named it. */
  readonly forced: boolean;
  /** Better backends that were tried and could not be used, with the reason. */
  readonly skipped: readonly { readonly backend: BackendName; readonly reason: string }[];
  /** Kernels OpenBox registered for the chosen backend (wasm only). */
  readonly kernels: readonly string[];
}

export interface InitBackendOptions {
  /** Force one backend; default: `process.env.OPENBOX_BACKEND`, else the best that loads. */
  readonly backend?: BackendName;
}

// Module names in variables so that TypeScript does not need the optional packages' types.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';

async function loadNodeBinding(moduleName: string): Promise<string> {
  const problem = nodeBindingProblem(moduleName);
  if (problem !== undefined) throw new Error(problem);
  await import(moduleName);
  await tf.setBackend('tensorflow');
  return 'tensorflow';
}

const LOADERS: Record<BackendName, () => Promise<string>> = {
  gpu: () => loadNodeBinding(TFJS_NODE_GPU),
  node: () => loadNodeBinding(TFJS_NODE),
  async wasm() {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm module did not initialize');
    return 'wasm';
  },
  async cpu() {
    await import('@tensorflow/tfjs-backend-cpu');
    silenceCpuBanner();
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialize');
    return 'cpu';
  },
};

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}

function resolveForced(options: InitBackendOptions): BackendName | undefined {
  if (options.backend !== undefined) {
    if (!isBackendName(options.backend))
      throw new Error(MESSAGES.unknownBackend(options.backend, 'options.backend'));
    return options.backend;
  }
  const fromEnv = process.env['OPENBOX_BACKEND']?.trim();
  if (fromEnv === undefined || fromEnv === '') return undefined;
  if (!isBackendName(fromEnv)) throw new Error(MESSAGES.unknownBackend(fromEnv, 'OPENBOX_BACKEND'));
  return fromEnv;
}

async function activate(name: BackendName): Promise<{ tfBackend: string; kernels: string[] }> {
  const tfBackend = await LOADERS[name]();
  await tf.ready();
  const kernels = name === 'wasm' ? registerWasmKernels() : [];
  return { tfBackend, kernels };
}

let current: BackendReport | undefined;

/**
 * Initialize TensorFlow.js on the best backend available, or the one forced by `options.backend` /
 * `OPENBOX_BACKEND=gpu|node|wasm|cpu` (a clear error if that one cannot load). Idempotent: a second call with the
 * same request returns the first report.
 * @example const report = await initBackend(); console.log(report.chosen, report.skipped);
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const forced = resolveForced(options);
  if (
    current !== undefined &&
    (forced === undefined || forced === current.chosen) &&
    tf.getBackend() === current.tfBackend
  ) {
    return current;
  }
  if (forced !== undefined) {
    try {
      const { tfBackend, kernels } = await activate(forced);
      current = { chosen: forced, tfBackend, forced: true, skipped: [], kernels };
      return current;
    } catch (error) {
      throw new Error(MESSAGES.forcedBackendFailed(forced, firstLine(error)));
    }
  }
  const skipped: { backend: BackendName; reason: string }[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      const { tfBackend, kernels } = await activate(name);
      current = { chosen: name, tfBackend, forced: false, skipped, kernels };
      return current;
    } catch (error) {
      skipped.push({ backend: name, reason: firstLine(error) });
    }
  }
  throw new Error(MESSAGES.noBackend(skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')));
}
