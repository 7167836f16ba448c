/** User-facing error messages of the wasm kernels (one place, each naming the function and the argument). */

export const KERNEL_MESSAGES = {
  float32Only: (kernel: string, arg: string, dtype: string) =>
    `${kernel} (OpenBox wasm kernel): argument '${arg}' must be float32, got ${dtype}.`,
  stockMissing: (kernel: string) =>
    `registerWasmKernels: the wasm backend has no stock '${kernel}' kernel to build on; ` +
    `import '@tensorflow/tfjs-backend-wasm' 4.x before registering.`,
} as const;
