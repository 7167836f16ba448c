/** @openbox/dashboard — the Hono dashboard: suite results as pages, a JSON API, and a live model endpoint. */

// App and server
export { createDashboardApp } from './create-dashboard-app.js';
export { DASHBOARD_DEFAULTS } from './dashboard-options.js';
export type { DashboardOptions } from './dashboard-options.js';
export { serveDashboard, SERVE_DEFAULTS } from './serve-dashboard.js';
export type { RunningDashboard, ServeDashboardOptions } from './serve-dashboard.js';
export { HttpError, HTTP_ERROR_CODES } from './http-error.js';
export type { HttpErrorCode } from './http-error.js';

// Hardening: hosts, cross-site requests, headers
export { LOOPBACK_NAMES } from './security/host-policy.js';
export type { ListenAddress } from './security/host-policy.js';
export { parseAllowedHost } from './security/allowed-host-entry.js';
export type { AllowedHostEntry } from './security/allowed-host-entry.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security/security-headers.js';

// Live endpoint contract
export {
  DIGIT_CLASSES,
  DIGIT_PIXELS,
  DIGIT_SIDE,
  MNIST_LIVE_MODEL,
  inputValues,
  mapValues,
} from './live/live-types.js';
export type {
  DigitSource,
  LiveModelInfo,
  LiveActivation,
  LiveAttribution,
  LiveAttributionRequest,
  LiveDigitReply,
  LiveFunction,
  LiveOptions,
  LiveResponse,
} from './live/live-types.js';
export { LIVE_DEFAULTS } from './live/live-app.js';
export { createLiveFunction } from './live/create-live-function.js';
export {
  LAYERS_MODEL_ONLY_METHODS,
  LIVE_METHOD_SETTINGS,
  LIVE_METHODS,
  liveMethodsFor,
} from './live/live-methods.js';
export { createImageLiveFunction } from './live/create-image-live-function.js';
export type { ImageLiveOptions } from './live/create-image-live-function.js';
export { LIVE_SCALES, scalePixels } from './live/scale-pixels.js';
export type { LiveScale } from './live/scale-pixels.js';
export type { LiveModels } from './live/create-live-function.js';
export { createWorkerLive, WORKER_LIVE_DEFAULTS } from './live/create-worker-live.js';
export type { WorkerLive, WorkerLiveOptions } from './live/create-worker-live.js';
export type { LiveModelModule } from './live/live-worker-protocol.js';
export { referenceLive } from './live/reference-live.js';
export { liveImageSource, userLive } from './live/user-live.js';
export type { LiveImages, UserLiveOptions } from './live/user-live.js';
export { createWorkQueue, QueueFullError } from './live/work-queue.js';
export type { WorkQueue } from './live/work-queue.js';

// Reading results
export { createResultsStore } from './results/results-store.js';
export type { ResultsStore, RunSummary } from './results/results-store.js';
export { createRunIndex, RUN_INDEX_DEFAULTS } from './results/run-index.js';
export type { RunIndex, RunIndexOptions } from './results/run-index.js';
export { RUNS_PAGING } from './api/api-app.js';
export { RUNS_PER_PAGE } from './pages/pages-app.js';
export { resolveInside } from './results/safe-path.js';
