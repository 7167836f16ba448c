/** A warm start for the binary Newton fit on a large design: the fit on every 8th row, recursively. */
import type { Design } from '../data/types.js';
import { binaryEngine } from './binary-engine.js';
import { newton, norm2 } from './newton-steps.js';

/**
 * A start for Newton on a large design: the minimizer on every 8th row with l2 scaled by the rows kept (so both
 * objectives are about proportional), itself warm-started while large; 0 when that fit fails to converge (e.g. a
 * subsample that is separable; a start worse than 0 on the full data is caught by the caller).
 */
export function warmStart(
  design: Design,
  y: Float64Array,
  l2: number,
  tol: number,
  workers: number | undefined,
): Float64Array {
  const { n, d, x } = design;
  const p = d + 1;
  const m = Math.ceil(n / 8);
  const xs = new Float64Array(m * d);
  const ys = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    xs.set(x.subarray(r * 8 * d, r * 8 * d + d), r * d);
    ys[r] = y[r * 8]!;
  }
  const sub = { n: m, d, x: xs, names: design.names };
  const subL2 = (l2 * m) / n;
  const deeper = m >= 8 * Math.max(4096, 16 * p * p);
  const start = deeper ? warmStart(sub, ys, subL2, tol, workers) : new Float64Array(p);
  const engine = binaryEngine(sub, ys, subL2, workers);
  // The subsample's error is O(√(d/m)) anyway: 1e-6 of its starting gradient is plenty.
  const g0 = norm2(engine.objective(start, false).gradient);
  const run = newton(engine, start, Math.max(tol, 1e-6 * g0), 50, 0);
  return run.converged ? run.theta : new Float64Array(p);
}
