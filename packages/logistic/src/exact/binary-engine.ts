/**
 * Where the binary Newton loop gets its objective and Hessian: directly ({@link binaryObjective},
 * {@link binaryHessian}) for small designs, or split over a {@link RowPool} in POOL_BLOCKS fixed row blocks for large
 * ones. Each block's loss, gradient and X̃ᵀWX̃ are computed by the same kernels and added in block order, so the fit
 * is bit-identical for 1, 2 or more threads; only blocks of at least POOL_MIN_ROWS / POOL_BLOCKS rows pay for the
 * hand-off (two `postMessage`s and an `Atomics.wait` per pass).
 */
import type { Design } from '../data/types.js';
import { blocks, rowPool, sharedFloat64 } from '../linalg/row-pool.js';
import type { PoolTask, SharedArrays } from '../linalg/pool-kernels.js';
import { binaryHessian, binaryObjective, type Evaluation } from './binary-objective.js';

/** Designs with at least this many rows use the blocked (pooled) engine, whatever the thread count. */
export const POOL_MIN_ROWS = 50_000;
/** Fixed row blocks of the pooled engine (its reduction order). */
export const POOL_BLOCKS = 16;

/** The objective (with IRLS weights when asked) and the penalized Hessian at those weights. */
export interface BinaryEngine {
  objective(theta: Float64Array, withWeights: boolean): Evaluation;
  hessian(weights: Float64Array): Float64Array;
}

/**
 * The engine for `design`: direct below POOL_MIN_ROWS rows, else blocked over `threads` threads (default the cores).
 * @example binaryEngine(design, y, 1).objective(theta, true).gradient
 */
export function binaryEngine(design: Design, y: Float64Array, l2: number, threads?: number): BinaryEngine {
  if (design.n < POOL_MIN_ROWS)
    return {
      objective: (theta, withWeights) => binaryObjective(design, y, theta, l2, withWeights),
      hessian: (weights) => binaryHessian(design, weights, l2),
    };
  const { n, d } = design;
  const p = d + 1;
  const pool = rowPool(threads);
  const arrays: SharedArrays = {
    x: sharedFloat64(n * d, design.x),
    y: sharedFloat64(n, y),
    theta: sharedFloat64(p),
    weights: sharedFloat64(n),
    partials: sharedFloat64(POOL_BLOCKS * (p + 1)),
    gram: sharedFloat64(POOL_BLOCKS * p * p),
    scalars: sharedFloat64(4, [d, 1, 0, 0]),
  };
  const ranges = blocks(n, POOL_BLOCKS);
  const tasks = (kernel: PoolTask['kernel']): PoolTask[] =>
    ranges.map(([from, to], slot) => ({ kernel, from, to, slot }));
  const f = (name: string) => arrays[name] as Float64Array;
  return {
    objective(theta, withWeights) {
      pool.share(arrays);
      f('theta').set(theta);
      f('scalars')[3] = withWeights ? 1 : 0;
      pool.run(tasks('binary-objective'));
      const partials = f('partials');
      const gradient = new Float64Array(p);
      let loss = 0;
      for (let b = 0; b < POOL_BLOCKS; b++) {
        loss += partials[b * (p + 1)]!;
        for (let a = 0; a < p; a++) gradient[a] = gradient[a]! + partials[b * (p + 1) + 1 + a]!;
      }
      for (let j = 1; j < p; j++) {
        loss += 0.5 * l2 * theta[j]! ** 2;
        gradient[j] = gradient[j]! + l2 * theta[j]!;
      }
      return { loss, gradient, weights: withWeights ? f('weights').slice() : new Float64Array(0) };
    },
    hessian(weights) {
      pool.share(arrays);
      if (weights !== f('weights')) f('weights').set(weights);
      pool.run(tasks('weighted-gram'));
      const gram = f('gram');
      const h = new Float64Array(p * p);
      for (let b = 0; b < POOL_BLOCKS; b++)
        for (let e = 0; e < p * p; e++) h[e] = h[e]! + gram[b * p * p + e]!;
      for (let j = 1; j < p; j++) h[j * p + j] = h[j * p + j]! + l2;
      return h;
    },
  };
}
