/** User-facing messages of `initBrowserBackend`. */
import { BROWSER_BACKEND_NAMES } from './browser-backend-names.js';

export const BROWSER_MESSAGES = {
  unknownBackend: (value: string) =>
    `initBrowserBackend: options.backend is '${value}', which is not a browser backend; use one of ${BROWSER_BACKEND_NAMES.join(', ')}.`,
  forcedFailed: (name: string, reason: string) =>
    `initBrowserBackend: the backend '${name}' was requested but cannot be used: ${reason}`,
  noBackend: (reasons: string) => `initBrowserBackend: no backend could be initialized (${reasons}).`,
  notRegistered: (name: string) =>
    `the ${name} backend is not registered (import '@tensorflow/tfjs-backend-${name}' in the page)`,
  noNavigatorGpu: 'navigator.gpu is absent (this browser has no WebGPU)',
  noGpuAdapter: 'navigator.gpu.requestAdapter() gave no adapter',
  didNotInitialize: (name: string) => `tf.setBackend('${name}') returned false`,
} as const;
