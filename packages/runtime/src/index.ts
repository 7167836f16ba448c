/** @openbox/runtime — TensorFlow.js that is fast wherever it runs. */
export const RUNTIME_PLACEHOLDER = 1;
