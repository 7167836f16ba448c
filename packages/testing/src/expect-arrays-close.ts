/** One array comparison for every numerical test: shapes first, NaN where NaN, then |a − e| <= tol · max(1, |e|). */
import { MESSAGES } from './messages.js';

/** Numbers nested to any depth, rectangular: `[[1, 2], [3, 4]]`. */
export type NestedNumbers = readonly (number | NestedNumbers)[];

/**
 * Anything with a shape and its values in row-major order — a tfjs `Tensor` fits, structurally, so this package
 * needs no tfjs (the values are read with `dataSync()`).
 */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

/** What {@link expectArraysClose} compares: a typed array, any `ArrayLike<number>`, nested arrays, a tensor. */
export type NumericArray = ArrayLike<number> | NestedNumbers | TensorLike;

interface Flat {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  /** True for a typed array or an array of numbers: it has no shape beyond its length. */
  readonly flat: boolean;
}

const FN = 'expectArraysClose';

function isTensorLike(v: unknown): v is TensorLike {
  return (
    typeof v === 'object' && v !== null && 'shape' in v && typeof (v as TensorLike).dataSync === 'function'
  );
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as ArrayLike<unknown>).length === 'number';
}

/** Shape and row-major values of `value`; throws on ragged nesting or a non-number leaf. */
function flatten(fn: string, label: string | undefined, side: string, value: NumericArray): Flat {
  if (isTensorLike(value)) return { shape: [...value.shape], values: value.dataSync(), flat: false };
  if (ArrayBuffer.isView(value))
    return { shape: [value.length], values: value as ArrayLike<number>, flat: true };
  if (!isArrayLike(value)) throw new Error(MESSAGES.notNumeric(fn, label, side, [], value));
  const shape: number[] = [];
  for (let v: unknown = value; isArrayLike(v); v = v.length > 0 ? v[0] : undefined) shape.push(v.length);
  const values: number[] = [];
  const walk = (v: unknown, path: number[]): void => {
    const depth = path.length;
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new Error(MESSAGES.notNumeric(fn, label, side, path, v));
      values.push(v);
      return;
    }
    if (!isArrayLike(v)) throw new Error(MESSAGES.ragged(fn, label, side, path, shape[depth]!));
    if (v.length !== shape[depth]) throw new Error(MESSAGES.ragged(fn, label, side, path, shape[depth]!));
    for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
  };
  walk(value, []);
  return { shape, values, flat: shape.length === 1 };
}

/** Row-major index → position in `shape` (null for rank <= 1, where the index says it all). */
function positionOf(index: number, shape: readonly number[]): number[] | null {
  if (shape.length <= 1) return null;
  const position = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    position[k] = index % shape[k]!;
    index = Math.floor(index / shape[k]!);
  }
  return position;
}

/** Both sides flattened, after checking that they hold the same number of elements in the same shape. */
function aligned(fn: string, label: string | undefined, actual: NumericArray, expected: NumericArray) {
  const a = flatten(fn, label, 'actual', actual);
  const e = flatten(fn, label, 'expected', expected);
  if (a.values.length !== e.values.length)
    throw new Error(
      MESSAGES.sizesDiffer(
        fn,
        label,
        { size: a.values.length, shape: a.shape },
        { size: e.values.length, shape: e.shape },
      ),
    );
  const sameShape = a.shape.length === e.shape.length && a.shape.every((s, k) => s === e.shape[k]);
  if (!a.flat && !e.flat && !sameShape) throw new Error(MESSAGES.shapesDiffer(fn, label, a.shape, e.shape));
  return { a: a.values, e: e.values, shape: a.flat ? e.shape : a.shape };
}

/** |a − e| / max(1, |e|): 0 when both are the same infinity, Infinity for different infinities. */
function scaledDifference(a: number, e: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e ? 0 : Infinity;
  return Math.abs(a - e) / Math.max(1, Math.abs(e));
}

/**
 * Expect `actual` to equal `expected` within `tolerance`, elementwise:
 * |actual[i] − expected[i]| <= tolerance · max(1, |expected[i]|) — an absolute tolerance for |expected| < 1 and a
 * relative one above (the rule of tfjs-core's `expectArraysClose`, with the relative part added for large values).
 * It throws, naming `label`, the first element outside (index, position for nested input, both values, the bound)
 * and how many are outside, when
 * - the sizes differ (an empty `actual` never passes against a non-empty `expected`), or both sides have a shape
 *   (nested arrays, tensors) and the shapes differ — a typed array or an array of numbers is taken as the row-major
 *   flattening of the other side;
 * - one side is NaN where the other is not (NaN matches NaN), or an infinity is not matched by the same infinity;
 * - an element is outside the bound;
 * - `tolerance` is not a finite number >= 0 (so no call accepts every outcome).
 * @example expectArraysClose(out.dataSync(), [0.5, 1, 2e6], 1e-6, 'softmax'); // 2e6 may be off by 2
 */
export function expectArraysClose(
  actual: NumericArray,
  expected: NumericArray,
  tolerance: number,
  label?: string,
): void {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)
    throw new Error(MESSAGES.badTolerance(FN, label, tolerance));
  const { a, e, shape } = aligned(FN, label, actual, expected);
  let first = -1;
  let bad = 0;
  let worst = { index: -1, scaled: -1 };
  for (let i = 0; i < e.length; i++) {
    const ai = a[i]!;
    const ei = e[i]!;
    if (Number.isNaN(ai) !== Number.isNaN(ei))
      throw new Error(MESSAGES.nanMismatch(FN, label, i, positionOf(i, shape), ai, ei));
    if (Number.isNaN(ai)) continue;
    const scaled = scaledDifference(ai, ei);
    if (scaled > worst.scaled) worst = { index: i, scaled };
    if (scaled > tolerance) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad === 0) return;
  const firstBad = {
    index: first,
    position: positionOf(first, shape),
    actual: a[first]!,
    expected: e[first]!,
  };
  throw new Error(MESSAGES.notClose(FN, label, firstBad, tolerance, bad, e.length, worst));
}

/**
 * The largest |actual[i] − expected[i]| / max(1, |expected[i]|), after the same size, shape and NaN checks as
 * {@link expectArraysClose}: the number to measure (and state) before setting a tolerance. 0 for two empty arrays.
 * @example maxScaledDifference(net.coefficients, exact.coefficients) // e.g. 3.1e-7
 */
export function maxScaledDifference(actual: NumericArray, expected: NumericArray): number {
  const fn = 'maxScaledDifference';
  const { a, e, shape } = aligned(fn, undefined, actual, expected);
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(a[i]!) !== Number.isNaN(e[i]!))
      throw new Error(MESSAGES.nanMismatch(fn, undefined, i, positionOf(i, shape), a[i]!, e[i]!));
    if (!Number.isNaN(a[i]!)) worst = Math.max(worst, scaledDifference(a[i]!, e[i]!));
  }
  return worst;
}
