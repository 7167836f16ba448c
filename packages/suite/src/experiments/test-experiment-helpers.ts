/** Test helper, not built: the context and the rounding check every experiment's focused test uses. */
import { createRng, defaultCacheDir } from '@openbox/runtime';
import { expect } from 'vitest';
import type { ExperimentContext } from '../experiment.js';
import { halfLastDigit } from './test-cnn-reference.js';

/** The runner's context for experiment `id` under the quick budget, as `runSuite` builds it for run seed `seed`. */
export function quickContext(id: string, seed = 0): ExperimentContext {
  return {
    seed,
    rng: createRng(seed).fork(id),
    quick: true,
    modelPath: undefined,
    cacheDir: defaultCacheDir(),
    progress: () => undefined,
  };
}

/** |reported − exact| ≤ what `round4` moves a value (half its 4th significant digit; 0 for 0) + the float error `tol`. */
export function expectRounded(reported: unknown, exact: number, tol: number, what: string): void {
  expect(typeof reported, what).toBe('number');
  expect(Math.abs((reported as number) - exact), `${what}: ${reported} vs ${exact}`).toBeLessThanOrEqual(
    (exact === 0 ? 0 : halfLastDigit(exact)) + tol,
  );
}
