/** @openbox/dashboard — the Hono dashboard: suite results as pages, a JSON API, and a live model endpoint. */

// App and server
export { createDashboardApp } from './create-dashboard-app.js';
export { DASHBOARD_DEFAULTS } from './dashboard-options.js';
export type { DashboardOptions } from './dashboard-options.js';
export { serveDashboard, SERVE_DEFAULTS } from './serve-dashboard.js';
export type { RunningDashboard, ServeDashboardOptions } from './serve-dashboard.js';

// Live endpoint contract
export { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE } from './live/live-types.js';
export type {
  DigitSource,
  LiveActivation,
  LiveDigitReply,
  LiveFunction,
  LiveOptions,
  LiveResponse,
} from './live/live-types.js';
export { LIVE_DEFAULTS } from './live/live-app.js';
export { createLiveFunction } from './live/create-live-function.js';
export { referenceLive } from './live/reference-live.js';
export type { LiveModels } from './live/create-live-function.js';
export { createWorkQueue, QueueFullError } from './live/work-queue.js';
export type { WorkQueue } from './live/work-queue.js';

// Reading results
export { createResultsStore } from './results/results-store.js';
export type { ResultsStore, RunSummary } from './results/results-store.js';
export { resolveInside } from './results/safe-path.js';
