/** Picks the fastest TensorFlow.js backend that works here: gpu → node → wasm (with OpenBox kernels) → cpu. */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_NAMES, isBackendName, type BackendName } from './backend-names.js';
import { registerWasmKernels } from './kernels/register-wasm-kernels.js';
import { MESSAGES } from './messages.js';
import { nodeBindingProblem } from './node-binding.js';
import { silenceCpuBanner } from './silence-cpu-banner.js';
import { loadThreadedWasm } from './wasm-threads/load-threaded-wasm.js';
import { resolveWasmThreads } from './wasm-threads/wasm-thread-count.js';

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
  /**
   * Threads the backend's kernels run on: XNNPACK's pool for wasm (fixed for the life of the process), 1 for cpu;
   * `undefined` for tfjs-node, whose libtensorflow sizes its own pools.
   */
  readonly threads: number | undefined;
  /** Why wasm runs on fewer threads than were requested (e.g. the threaded build cannot start here). */
  readonly threadsNote?: string;
}

export interface InitBackendOptions {
  /** Force one backend; default: `process.env.OPENBOX_BACKEND`, else the best that loads. */
  readonly backend?: BackendName;
  /**
   * wasm threads (1–8); default `process.env.OPENBOX_WASM_THREADS`, else every core (`os.availableParallelism()`).
   * Fixed at the first initialization: a later call asking for another count is an error.
   */
  readonly threads?: number;
}

// Module names in variables so that TypeScript does not need the optional packages' types.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';

async function loadNodeBinding(moduleName: string): Promise<string> {
  const problem = nodeBindingProblem(moduleName);
  if (problem !== undefined) throw new Error(problem);
  // libtensorflow prints its CPU-feature notice on stderr at load unless told not to; keep a user's own setting.
  process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
  await import(moduleName);
  await tf.setBackend('tensorflow');
  return 'tensorflow';
}

interface Loaded {
  readonly tfBackend: string;
  readonly threads: number | undefined;
  readonly threadsNote?: string;
}

/** The wasm backend's thread count once it has been initialized in this process (tfjs keeps one module). */
let wasmThreads: { threads: number; threadsNote?: string } | undefined;

async function loadWasm(requested: number): Promise<Loaded> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (wasmThreads === undefined) {
    const threaded = requested > 1 ? await loadThreadedWasm(requested) : undefined;
    if (threaded !== undefined && 'threads' in threaded) wasmThreads = { threads: threaded.threads };
    else {
      if (!(await tf.setBackend('wasm'))) throw new Error('the wasm module did not initialize');
      wasmThreads =
        threaded === undefined
          ? { threads: 1 }
          : { threads: 1, threadsNote: MESSAGES.wasmSingleThread(requested, threaded.problem) };
    }
  } else if (!(await tf.setBackend('wasm'))) throw new Error('the wasm module did not initialize');
  return { tfBackend: 'wasm', ...wasmThreads };
}

const LOADERS: Record<BackendName, (threads: number) => Promise<Loaded>> = {
  gpu: async () => ({ tfBackend: await loadNodeBinding(TFJS_NODE_GPU), threads: undefined }),
  node: async () => ({ tfBackend: await loadNodeBinding(TFJS_NODE), threads: undefined }),
  wasm: loadWasm,
  async cpu() {
    await import('@tensorflow/tfjs-backend-cpu');
    silenceCpuBanner();
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialize');
    return { tfBackend: 'cpu', threads: 1 };
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

async function activate(name: BackendName, threads: number): Promise<Loaded & { kernels: string[] }> {
  const loaded = await LOADERS[name](threads);
  await tf.ready();
  const kernels = name === 'wasm' ? registerWasmKernels() : [];
  return { ...loaded, kernels };
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
  const threads = resolveWasmThreads(options.threads);
  if (options.threads !== undefined && wasmThreads !== undefined && wasmThreads.threads !== options.threads)
    throw new Error(MESSAGES.wasmThreadsFixed(options.threads, wasmThreads.threads));
  if (
    current !== undefined &&
    (forced === undefined || forced === current.chosen) &&
    tf.getBackend() === current.tfBackend
  ) {
    return current;
  }
  if (forced !== undefined) {
    try {
      current = { chosen: forced, forced: true, skipped: [], ...(await activate(forced, threads)) };
      return current;
    } catch (error) {
      throw new Error(MESSAGES.forcedBackendFailed(forced, firstLine(error)));
    }
  }
  const skipped: { backend: BackendName; reason: string }[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      current = { chosen: name, forced: false, skipped, ...(await activate(name, threads)) };
      return current;
    } catch (error) {
      skipped.push({ backend: name, reason: firstLine(error) });
    }
  }
  throw new Error(MESSAGES.noBackend(skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')));
}
