/** The memory bound the default internal batch size keeps one pass under (activations and their gradients). */
export const DEFAULT_MEMORY_BOUND_BYTES = 256 * 2 ** 20;
//# sourceMappingURL=method.js.map
