/**
 * How many threads the wasm backend's XNNPACK thread pool gets: `options.threads`, else `OPENBOX_WASM_THREADS`,
 * else every core this process may use (`os.availableParallelism()`), capped at {@link MAX_WASM_THREADS} (the
 * threaded build pre-creates 8 pthread workers).
 */
import os from 'node:os';
import { MESSAGES } from '../messages.js';

/** The largest thread count the threaded wasm build supports (its pthread pool size). */
export const MAX_WASM_THREADS = 8;

function checked(value: number, origin: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_WASM_THREADS)
    throw new Error(MESSAGES.badWasmThreads(String(value), origin, MAX_WASM_THREADS));
  return value;
}

/**
 * The requested wasm thread count, validated (an integer 1–8); a bad option or environment value is an error
 * naming where it came from.
 * @example resolveWasmThreads(undefined) // 2 on a 2-core machine without OPENBOX_WASM_THREADS
 */
export function resolveWasmThreads(requested: number | undefined): number {
  if (requested !== undefined) return checked(requested, 'options.threads');
  const fromEnv = process.env['OPENBOX_WASM_THREADS']?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d{1,3}$/.test(fromEnv))
      throw new Error(MESSAGES.badWasmThreads(fromEnv, 'OPENBOX_WASM_THREADS', MAX_WASM_THREADS));
    return checked(Number(fromEnv), 'OPENBOX_WASM_THREADS');
  }
  return Math.min(os.availableParallelism(), MAX_WASM_THREADS);
}
