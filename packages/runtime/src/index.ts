/** @openbox/runtime — TensorFlow.js that is fast wherever it runs. */

// Everything that runs in a browser too (the curated list is browser.ts)
export * from './browser.js';

// Backend selection
export { BACKEND_NAMES, isBackendName } from './backend-names.js';
export type { BackendName } from './backend-names.js';
export { initBackend } from './init-backend.js';
export type { BackendReport, InitBackendOptions } from './init-backend.js';

// wasm kernels
export {
  registerWasmKernels,
  unregisterWasmKernels,
  WASM_KERNEL_NAMES,
} from './kernels/register-wasm-kernels.js';
export type { WasmKernelName } from './kernels/register-wasm-kernels.js';

// Cache folder
export { defaultCacheDir } from './cache-dir.js';

// Model IO
export { loadModel, removeModel, saveModel } from './model-io.js';
export type { LoadModelOptions, SavedModelInfo } from './model-io.js';
export { loadGraphModel, loadImageModel } from './load-image-model.js';
export type { LoadImageModelOptions } from './load-image-model.js';

// Verified caches: size + SHA-256 of each cached file
export { digestOf, isCachedFiles, verifyCachedFiles, verifyCachedFilesSync } from './model-io-cache-files.js';
export type { CachedFiles, FileDigest } from './model-io-cache-files.js';

// Worker threads that start from TypeScript sources as well as from dist
export { siblingModuleUrl } from './worker/sibling-module-url.js';
export { workerSource } from './worker/worker-source.js';
export type { WorkerSource } from './worker/worker-source.js';
