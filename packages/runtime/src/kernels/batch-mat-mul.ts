/** BatchMatMul for wasm: transposed operands are transposed explicitly, then multiplied by the fast stock kernel. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, runStock, transpose } from './wasm-ops.js';

/**
 * C = op(A) · op(B) over broadcast batch axes, op = transpose of the last two axes where `transposeA` / `transposeB`.
 * The stock wasm kernel is fast (XNNPACK) only without transposes; dense-layer gradients always set one, so a
 * transposed operand is first materialized by the stock Transpose kernel (O(size) against O(m·n·k) saved).
 * @example tf.matMul(a, b, true, false) // runs this kernel on wasm
 */
export function batchMatMul(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { inputs, backend } = args;
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const { a, b } = inputs as unknown as { a: tf.TensorInfo; b: tf.TensorInfo };
  if (!transposeA && !transposeB) return runStock(backend, tf.BatchMatMul, inputs, args.attrs);
  const a2 = transposeA ? transpose(backend, a, lastTwoSwapped(a.shape.length)) : a;
  const b2 = transposeB ? transpose(backend, b, lastTwoSwapped(b.shape.length)) : b;
  const out = runStock(backend, tf.BatchMatMul, { a: a2, b: b2 }, { transposeA: false, transposeB: false });
  if (a2 !== a) release(backend, a2);
  if (b2 !== b) release(backend, b2);
  return out;
}

/** The permutation [0, 1, …, rank − 1, rank − 2]. */
function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, k) => k);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}
