/** Strict parsing of one numeric CSV cell: decimal or exponent notation only, and it must fit float32. */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** A nonzero digit before the exponent: the text is not zero even when `Number` rounds it to 0 (`1e-400`). */
const NONZERO_MANTISSA = /^[^eE]*[1-9]/;
/** 2^-126, the smallest normal float32 (≈ 1.1754944e-38); below it float32 is subnormal or 0. */
export const FLOAT32_MIN_NORMAL = 2 ** -126;

/** Why a cell is not a usable feature value. */
export type CellProblem = 'empty' | 'non-numeric' | 'non-finite' | 'float32-overflow' | 'float32-underflow';

/**
 * Parses a cell (trimmed first) to its value, or names the problem (a string, so the hot path allocates nothing).
 * `"1e3"` → 1000; `""` → `'empty'`; `"NaN"`, `"-Infinity"`, `"inf"` → `'non-finite'`. A decimal that float32 cannot
 * hold is an error rather than a silent change: |v| > 3.4028235e38 (it would become ±Infinity: `"1e39"`,
 * `"1e400"`) is `'float32-overflow'`; a nonzero |v| < 2^-126 ≈ 1.1754944e-38 (it would become a subnormal with
 * fewer than 24 significant bits, or 0: `"1e-40"`, `"1e-400"`) is `'float32-underflow'`. Zero in any spelling
 * (`"0"`, `"-0.0e5"`) is fine.
 * @example parseCell(' 2.5 ') // 2.5
 * @example parseCell('1e-40') // 'float32-underflow'
 */
export function parseCell(raw: string): number | CellProblem {
  const s = raw.trim();
  if (s === '') return 'empty';
  if (!NUMBER.test(s)) return NON_FINITE.test(s) ? 'non-finite' : 'non-numeric';
  const value = Number(s);
  if (!Number.isFinite(Math.fround(value))) return 'float32-overflow';
  const magnitude = Math.abs(value);
  if (magnitude < FLOAT32_MIN_NORMAL && (magnitude > 0 || NONZERO_MANTISSA.test(s)))
    return 'float32-underflow';
  return value;
}
