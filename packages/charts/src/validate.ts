/** Input checks shared by the chart builders; each throws a `ChartInputError` naming the builder and argument. */
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';

/** Throws unless `values` is a non-empty array. */
export function assertNonEmpty<T>(fn: string, arg: string, values: readonly T[]): void {
  if (!Array.isArray(values)) throw new ChartInputError(MESSAGES.notArray(fn, arg, values));
  if (values.length === 0) throw new ChartInputError(MESSAGES.empty(fn, arg));
}

/** Throws unless `value` is a finite number (rejects NaN, ±Infinity and non-numbers). */
export function assertFinite(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ChartInputError(MESSAGES.notFinite(fn, arg, value));
  }
}

/** Throws unless `value` is a non-empty string. */
export function assertLabel(fn: string, arg: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ChartInputError(MESSAGES.notString(fn, arg, value));
}

/** Throws on the first repeated label. */
export function assertUnique(fn: string, arg: string, labels: readonly string[]): void {
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new ChartInputError(MESSAGES.duplicate(fn, arg, label));
    seen.add(label);
  }
}

/** Checks a non-empty, rectangular 2-D array of finite numbers and returns its `[rows, cols]`. */
export function assertMatrix(
  fn: string,
  arg: string,
  matrix: readonly (readonly number[])[],
): [number, number] {
  assertNonEmpty(fn, arg, matrix);
  const first = matrix[0];
  if (!Array.isArray(first)) throw new ChartInputError(MESSAGES.notArray(fn, `${arg}[0]`, first));
  const cols = first.length;
  if (cols === 0) throw new ChartInputError(MESSAGES.empty(fn, `${arg}[0]`));
  matrix.forEach((row, r) => {
    if (!Array.isArray(row)) throw new ChartInputError(MESSAGES.notArray(fn, `${arg}[${r}]`, row));
    if (row.length !== cols) throw new ChartInputError(MESSAGES.ragged(fn, arg, r, cols, row.length));
    row.forEach((v, c) => assertFinite(fn, `${arg}[${r}][${c}]`, v));
  });
  return [matrix.length, cols];
}

/** Throws unless `value` is a positive integer option. */
export function assertPositiveInteger(fn: string, arg: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ChartInputError(MESSAGES.badOption(fn, arg, 'a positive integer', value));
  }
}
