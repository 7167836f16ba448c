/** Validation of class targets: binary 0/1 for the binary API, 0 … K−1 for the multinomial one. */
import { IllPosedError, MESSAGES } from '../messages.js';

/** Check a 0/1 target of length `n` with both classes present; returns it as float64. */
export function toBinaryTarget(fn: string, target: ArrayLike<number>, n: number): Float64Array {
  if (target.length !== n) throw new Error(MESSAGES.badTargetLength(fn, target.length, n));
  const y = Float64Array.from(target);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) throw new IllPosedError(MESSAGES.nanTarget(fn, i), 'not-finite');
    seen.add(y[i]!);
  }
  const values = [...seen].sort((a, b) => a - b);
  if (values.some((v) => v !== 0 && v !== 1))
    throw new IllPosedError(MESSAGES.nonBinary(fn, values), 'non-binary');
  if (values.length < 2) throw new IllPosedError(MESSAGES.oneClass(fn, String(values[0])), 'one-class');
  return y;
}

/** Check a class-index target with at least two classes present; returns it as Int32Array and the class count. */
export function toClassTarget(
  fn: string,
  target: ArrayLike<number>,
  n: number,
  numClasses: number | undefined,
  classNames: readonly string[] | undefined,
): { y: Int32Array; numClasses: number } {
  if (target.length !== n) throw new Error(MESSAGES.badTargetLength(fn, target.length, n));
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = target[i]!;
    if (!Number.isInteger(v)) throw new IllPosedError(MESSAGES.nanTarget(fn, i), 'not-finite');
    max = Math.max(max, v);
  }
  const k = numClasses ?? classNames?.length ?? max + 1;
  if (!Number.isInteger(k) || k < 2) throw new Error(MESSAGES.numClasses(fn, k));
  const y = new Int32Array(n);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = target[i]!;
    if (v < 0 || v >= k) throw new Error(MESSAGES.badClass(fn, i, v, k));
    y[i] = v;
    seen.add(v);
  }
  if (seen.size < 2) {
    const only = y[0]!;
    throw new IllPosedError(MESSAGES.oneClass(fn, classNames?.[only] ?? String(only)), 'one-class');
  }
  return { y, numClasses: k };
}
