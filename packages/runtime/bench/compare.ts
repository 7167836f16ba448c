/** Interleaved timing of one task on the stock wasm kernels, OpenBox's wasm kernels and the cpu backend. */
import * as tf from '@tensorflow/tfjs-core';
import { median as medianOf } from '../../../bench/interleave.js';
import { registerWasmKernels, unregisterWasmKernels } from '../src/kernels/register-wasm-kernels.js';

export type Variant = 'stock' | 'openbox' | 'cpu';
/** Interleaved rounds per comparison (BENCH_ROUNDS, default 7). */
export const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

/** Activate one variant: the cpu backend, or wasm with stock or OpenBox kernels. */
export async function use(variant: Variant): Promise<void> {
  if (variant === 'openbox') registerWasmKernels();
  else unregisterWasmKernels();
  await tf.setBackend(variant === 'cpu' ? 'cpu' : 'wasm');
}

/** A benchmarked call: returns tensors (read back, then disposed) or a promise of plain values. */
export type Task = () => tf.Tensor | tf.Tensor[] | Promise<unknown>;

/** Median of `reps` timed calls (ms) after one warm-up call. */
export async function timeMs(f: Task, reps: number): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const out = await f();
    if (out instanceof tf.Tensor || Array.isArray(out)) {
      for (const t of [out].flat()) if (t instanceof tf.Tensor) t.dataSync();
      tf.dispose(out as tf.Tensor[]);
    }
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await once());
  return medianOf(times);
}

/**
 * Medians over interleaved rounds (order reversed every other round), so machine noise hits every variant alike; the
 * error's first line where a variant fails. The cpu backend, 100–1000× slower, is timed once after its warm-up.
 */
export async function compare(
  variants: readonly Variant[],
  f: Task,
  reps: number,
): Promise<Record<Variant, number | null | string>> {
  const samples: Record<string, number[]> = {};
  const failed: Record<string, string> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      if (failed[v] !== undefined || (v === 'cpu' && round > 0)) continue;
      await use(v);
      try {
        (samples[v] ??= []).push(await timeMs(f, v === 'cpu' ? 1 : reps));
      } catch (error) {
        failed[v] = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
      }
    }
  }
  const median = (xs: number[] = []) => (xs.length === 0 ? null : medianOf(xs));
  return {
    stock: failed['stock'] ?? median(samples['stock']),
    openbox: failed['openbox'] ?? median(samples['openbox']),
    cpu: failed['cpu'] ?? median(samples['cpu']),
  };
}

/** A time in ms, or 'fails' / '—'. */
export const formatMs = (v: number | null | string): string =>
  typeof v === 'number' ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : v === null ? '—' : 'fails';

/** base / ours as "3.1×", or '—' where either is missing. */
export const speedup = (base: number | null | string, ours: number | null | string): string =>
  typeof base === 'number' && typeof ours === 'number' ? `${(base / ours).toFixed(1)}×` : '—';
