/** The backends OpenBox can run on, best first. */

/** `gpu` = @tensorflow/tfjs-node-gpu (CUDA), `node` = @tensorflow/tfjs-node, `wasm` with OpenBox's kernels, `cpu` = pure JS. */
export const BACKEND_NAMES = ['gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}
