/** Test helpers for the wasm kernels: both backends ready, seeded inputs, both backends' results, leak counts. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients, as every OpenBox entry point does
import { expect } from 'vitest';
import { createRng } from '../rng.js';
import { silenceCpuBanner } from '../silence-cpu-banner.js';
import { registerWasmKernels } from './register-wasm-kernels.js';

/** Initialize the cpu (reference) and wasm backends, register OpenBox's kernels, and leave wasm active. */
export async function useWasmWithKernels(): Promise<void> {
  await tf.setBackend('cpu');
  silenceCpuBanner();
  registerWasmKernels();
  await tf.setBackend('wasm');
  await tf.ready();
}

/** Seeded standard-normal values of `shape` (plain data, so each backend builds its own tensor). */
export function normalValues(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal());
}

/** Both backends' values divided by s = max(1, max|cpu|), and s: see {@link onWasmAndCpu}. */
export interface RelativeValues {
  readonly wasm: Float64Array;
  readonly cpu: Float64Array;
  readonly scale: number;
}

/**
 * Run `f` on wasm (OpenBox kernels) and on the cpu backend; return both results' values, the wasm shape, and
 * `relative`: both divided by s = max(1, max|cpu|). Float32 sums taken in another order differ by a few ulps of the
 * largest partial sums, not of each output (a small output can be the difference of large terms), so compare
 * `relative` with `expectArraysClose`: its bound tol · max(1, |e|) is then tol · s for every output, i.e.
 * |wasm − cpu| <= tol · max(1, max|cpu|) (tol 1e-5 ≈ 80 ulps of the largest).
 */
export function onWasmAndCpu(f: () => tf.Tensor): {
  wasm: Float32Array;
  cpu: Float32Array;
  shape: number[];
  relative: RelativeValues;
} {
  const read = (backend: string) => {
    tf.setBackend(backend);
    const out = tf.tidy(f);
    const result = { values: out.dataSync() as Float32Array, shape: out.shape };
    out.dispose();
    return result;
  };
  const cpu = read('cpu');
  const wasm = read('wasm');
  expect(wasm.shape).toEqual(cpu.shape);
  let scale = 1; // over finite values only: a NaN or an infinity must reach the comparison as it is
  for (const v of cpu.values) if (Number.isFinite(v) && Math.abs(v) > scale) scale = Math.abs(v);
  const relative = {
    wasm: Float64Array.from(wasm.values, (v) => v / scale),
    cpu: Float64Array.from(cpu.values, (v) => v / scale),
    scale,
  };
  return { wasm: wasm.values, cpu: cpu.values, shape: wasm.shape, relative };
}

/** Tensors and wasm data buffers alive now (a kernel that leaks intermediates grows the second). */
export function liveCounts(): { tensors: number; wasmData: number } {
  const backend = tf.engine().findBackend('wasm') as unknown as { numDataIds(): number };
  return { tensors: tf.memory().numTensors, wasmData: backend.numDataIds() };
}

/** Expect `f` (run in a tidy, its result disposed) to leave no tensors and no wasm buffers behind after a warm-up call. */
export function expectNoLeak(f: () => tf.Tensor | tf.Tensor[]): void {
  tf.setBackend('wasm');
  const call = () => tf.dispose(tf.tidy(() => f()));
  call();
  const before = liveCounts();
  for (let i = 0; i < 3; i++) call();
  expect(liveCounts()).toEqual(before);
}
