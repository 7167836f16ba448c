/**
 * The scikit-learn side of the logistic benchmark: the shared benchmark venv (`bench/bench-python.ts`, with
 * `pip install scikit-learn` once; benchmark-only) running a persistent `sklearn_reference.py` that answers one JSON
 * line per command, and the raw float64 files both sides read (numpy `fromfile`).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '@openbox/runtime';
import { benchPython, type BenchPython } from '../../../bench/bench-python.js';
import { LinePeer } from '../../../bench/line-peer.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'sklearn_reference.py');

/** The venv's python with scikit-learn, or why there is none (the benchmark then says it skipped scikit-learn). */
export function sklearnPython(): BenchPython {
  return benchPython(['scikit-learn'], defaultCacheDir());
}

/** What `sklearn_reference.py` reports when it starts. */
export interface SklearnInfo {
  readonly sklearn: string;
  readonly numpy: string;
  readonly python: string;
  readonly blas: readonly { api: string; threads: number }[];
}

/** One timed `LogisticRegression.fit`. */
export interface SklearnFit {
  readonly seconds: number;
  readonly iterations: number;
  /** ‖∇‖₂ of Σ log-loss + (l2/2)‖W‖² at its coefficients, computed by numpy. */
  readonly gradientNorm: number;
  readonly coef: number[];
  readonly intercept: number[];
}

/** A persistent `sklearn_reference.py`: `ask('fit name lbfgs 1 1e-8 1000 2')` → {@link SklearnFit}. */
export class SklearnPeer extends LinePeer<SklearnInfo> {
  constructor(python: string) {
    super(python, [SCRIPT], { PYTHONWARNINGS: 'ignore' }, 'sklearn_reference.py');
  }
}

/** Writes `<prefix>.x` (n × d row-major) and `<prefix>.y` as raw little-endian float64 (x86/ARM are little-endian). */
export function writeRaw(prefix: string, x: ArrayLike<number>, y: ArrayLike<number>): void {
  writeFileSync(`${prefix}.x`, Float64Array.from(x));
  writeFileSync(`${prefix}.y`, Float64Array.from(y));
}
