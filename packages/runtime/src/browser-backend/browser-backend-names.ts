/** The backends a page can run on, best first (tfjs's own names). */

/** `webgpu` (navigator.gpu), `webgl` (WebGL 2, or 1), `wasm` (XNNPACK, needs its .wasm files), `cpu` (plain JS). */
export const BROWSER_BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackendName = (typeof BROWSER_BACKEND_NAMES)[number];

/** True for a name in {@link BROWSER_BACKEND_NAMES}. */
export function isBrowserBackendName(value: string): value is BrowserBackendName {
  return (BROWSER_BACKEND_NAMES as readonly string[]).includes(value);
}
