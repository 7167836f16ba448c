/** Test helpers for the wasm kernels: both backends ready, seeded inputs, cpu-reference comparison, leak counts. */
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

/** Run `f` on wasm (OpenBox kernels) and on the cpu backend; return both results' values and the wasm shape. */
export function onWasmAndCpu(f: () => tf.Tensor): { wasm: Float32Array; cpu: Float32Array; shape: number[] } {
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
  return { wasm: wasm.values, cpu: cpu.values, shape: wasm.shape };
}

/**
 * Expect |actual − expected| ≤ rtol · max(1, max|expected|) elementwise: float32 sums in a different order differ by
 * a few ulps of the largest partial sums, which this bounds (rtol 1e-5 ≈ 80 ulps).
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  expect(worst).toBeLessThanOrEqual(rtol * scale);
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
