/**
 * The kernels a {@link RowPool} runs, by name, on one task: a range of rows (or of feature columns) of arrays that
 * live in `SharedArrayBuffer`s, writing either its own rows of an output or one block's partial sums. The same
 * table runs in the pool's workers and on the calling thread, so the arithmetic per block is the same code
 * wherever it runs; reductions are summed by the caller in block order (bit-identical for any worker count).
 */
import { binaryObjective } from '../exact/binary-objective.js';
import { sparseTimesDense } from './sparse-times-dense.js';
import { weightedGram } from './weighted-gram.js';

/** Arrays shared with the workers, by name (all views over `SharedArrayBuffer`s). */
export type SharedArrays = Record<string, Float64Array | Int32Array>;

/** One unit of work: a kernel over [from, to) and where its result goes (`slot` = its block's partial-sum slot). */
export interface PoolTask {
  readonly kernel: KernelName;
  readonly from: number;
  readonly to: number;
  readonly slot: number;
}

/** Names of the kernels, declared once. */
export const KERNEL_NAMES = ['binary-objective', 'weighted-gram', 'rows-times', 'columns-times'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

const f64 = (a: SharedArrays, name: string) => a[name] as Float64Array;
const i32 = (a: SharedArrays, name: string) => a[name] as Int32Array;
const int = (a: SharedArrays, name: string) =>
  f64(a, 'scalars')[['d', 'k', 'l2', 'withWeights'].indexOf(name)]!;

/**
 * Each kernel reads `scalars` = [d, k, l2, withWeights] and:
 * - `binary-objective`: rows [from, to) of x/y at `theta` → partials[slot] = (loss, gradient…), weights rows;
 * - `weighted-gram`: rows [from, to) of x with `weights` → gram[slot] = that block's X̃ᵀWX̃ (no l2);
 * - `rows-times`: CSR rows [from, to) → rows of `out` = X̃·`v` (k columns, intercept row first);
 * - `columns-times`: CSC rows (= features) [from, to) → rows 1 + j of `outT` = (Xᵀ·`g`)ⱼ (the intercept row apart).
 */
export const KERNELS: Record<KernelName, (a: SharedArrays, task: PoolTask) => void> = {
  'binary-objective': (a, { from, to, slot }) => {
    const d = int(a, 'd');
    const x = f64(a, 'x').subarray(from * d, to * d);
    const design = { n: to - from, d, x, names: [] };
    const e = binaryObjective(
      design,
      f64(a, 'y').subarray(from, to),
      f64(a, 'theta'),
      0,
      int(a, 'withWeights') === 1,
    );
    const partials = f64(a, 'partials');
    partials[slot * (d + 2)] = e.loss;
    partials.set(e.gradient, slot * (d + 2) + 1);
    if (e.weights.length > 0) f64(a, 'weights').set(e.weights, from);
  },
  'weighted-gram': (a, { from, to, slot }) => {
    const d = int(a, 'd');
    const x = f64(a, 'x').subarray(from * d, to * d);
    const h = weightedGram(x, to - from, d, f64(a, 'weights').subarray(from, to));
    f64(a, 'gram').set(h, slot * (d + 1) * (d + 1));
  },
  'rows-times': (a, { from, to }) => {
    const k = int(a, 'k');
    const v = f64(a, 'v');
    const out = f64(a, 'out').subarray(from * k, to * k);
    for (let o = 0; o < out.length; o += k) for (let c = 0; c < k; c++) out[o + c] = v[c]!;
    const rows = {
      n: to - from,
      d: 0,
      start: i32(a, 'rowStart').subarray(from),
      index: i32(a, 'rowIndex'),
      value: f64(a, 'rowValue'),
    };
    sparseTimesDense(rows, v, k, 1, out);
  },
  'columns-times': (a, { from, to }) => {
    const k = int(a, 'k');
    const out = f64(a, 'outT').subarray((1 + from) * k, (1 + to) * k);
    out.fill(0);
    const cols = {
      n: to - from,
      d: 0,
      start: i32(a, 'colStart').subarray(from),
      index: i32(a, 'colIndex'),
      value: f64(a, 'colValue'),
    };
    sparseTimesDense(cols, f64(a, 'g'), k, 0, out);
  },
};
