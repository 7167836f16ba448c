/**
 * @openbox/runtime in the browser: everything that needs no Node (no files, no worker threads, no tfjs-node).
 * Built to `dist/browser/index.js` by `scripts/build-browser.mjs`, which fails if a Node-only module is reachable.
 */

// Backend selection in a page: WebGPU → WebGL → wasm → cpu
export { BROWSER_BACKEND_NAMES, isBrowserBackendName } from './browser-backend/browser-backend-names.js';
export type { BrowserBackendName } from './browser-backend/browser-backend-names.js';
export { initBrowserBackend } from './browser-backend/init-browser-backend.js';
export type {
  BrowserBackendReport,
  InitBrowserBackendOptions,
} from './browser-backend/init-browser-backend.js';
export { silenceCpuBanner } from './silence-cpu-banner.js';

// Seeded randomness
export { createRng } from './rng.js';
export type { Rng } from './rng.js';

// Memory discipline
export { scoped, readAndDispose } from './scoped.js';
export { tensorGrowth } from './tensor-growth.js';

// The reference CNN and throughput measurements
export { buildReferenceCnn } from './reference-cnn.js';
export { measureTrainingThroughput } from './throughput/measure-training.js';
export type { ThroughputResult, TrainingThroughputOptions } from './throughput/measure-training.js';
export { measureInputGradientRate } from './throughput/measure-input-gradient.js';
export type { InputGradientOptions } from './throughput/measure-input-gradient.js';

// Model randomization: re-initialized copies and the cascade (Adebayo et al. 2018)
export { reinitializedCopy } from './model-randomization/reinitialized-copy.js';
export type { ReinitializedCopyOptions } from './model-randomization/reinitialized-copy.js';
export { reinitializedGraphCopy } from './model-randomization/reinitialized-graph-copy.js';
export type { ReinitializedGraphCopyOptions } from './model-randomization/reinitialized-graph-copy.js';
export { cascadingRandomization } from './model-randomization/cascading-randomization.js';
export type {
  CascadeStep,
  CascadingRandomizationOptions,
} from './model-randomization/cascading-randomization.js';
export { DRAWABLE_INITIALIZERS, isDrawableInitializer } from './model-randomization/draw-initializer.js';
export type { DrawableInitializer } from './model-randomization/draw-initializer.js';
export { kerasFans } from './model-randomization/fans.js';
export type { Fans } from './model-randomization/fans.js';
export {
  ModelRandomizationError,
  MODEL_RANDOMIZATION_ERROR_CODES,
} from './model-randomization/model-randomization-error.js';
export type { ModelRandomizationErrorCode } from './model-randomization/model-randomization-error.js';

// Models built from artifacts already in memory (no files), and model IO's error class
export { buildGraphModel } from './model-io-graph-build.js';
export { ModelIoError, MODEL_IO_ERROR_CODES } from './model-io-error.js';
export type { ModelIoErrorCode } from './model-io-error.js';

// A uniform view over any LayersModel: layers, several activations in one pass, pre-activations, logits
export { LayersModelView, INPUT_LAYER, LOGITS_LAYER, PRE_SUFFIX } from './model-adapter/layers-model-view.js';
export { ModelAdapter } from './model-adapter/model-adapter.js';
export { IMAGE_MODEL_KINDS, isLayersImageModel, requireLayersModel } from './model-adapter/image-model.js';
export type { ImageModel, ImageModelKind, LayersImageModel } from './model-adapter/image-model.js';
export { VectorModelAdapter } from './model-adapter/vector-model-adapter.js';
export { GraphModelAdapter } from './model-adapter/graph-model-adapter.js';
export type { GraphModelAdapterOptions } from './model-adapter/graph-model-adapter.js';
export { imageModelOf } from './model-adapter/image-model-of.js';
export { explainGradientError } from './model-adapter/explain-gradient-error.js';
export { releaseFailedTape } from './model-adapter/release-failed-tape.js';
export {
  computeNodes,
  graphDefOf,
  graphNodesOf,
  logitsNodeOf,
  nodeNameOf,
} from './model-adapter/graph-nodes.js';
export type { GraphAttrValue, GraphDefJson, GraphNodeInfo } from './model-adapter/graph-nodes.js';
export type { Activations, LayerInfo } from './model-adapter/layers-model-view.js';
export {
  applyActivation,
  executeGraph,
  preActivation,
  HOOKABLE_ACTIVATIONS,
} from './model-adapter/execute-graph.js';
export type { GraphHooks, HookableActivation, MaxPoolConfig } from './model-adapter/execute-graph.js';
