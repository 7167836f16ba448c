/** @openbox/testing — test helpers shared by the OpenBox packages (private; a devDependency only). */

// Comparing numbers: one tolerance rule, |a − e| <= tol · max(1, |e|), and the measurement behind a tolerance
export { expectArraysClose, maxScaledDifference } from './expect-arrays-close.js';
export type { NestedNumbers, NumericArray, TensorLike } from './expect-arrays-close.js';
