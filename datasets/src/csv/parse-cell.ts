/** Strict parsing of one numeric CSV cell: decimal or exponent notation only; NaN, Infinity and overflow rejected. */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** The outcome of parsing one cell. */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'empty' | 'non-numeric' | 'non-finite' };

/**
 * Parses a trimmed cell. `"1e3"` → 1000; `""` → empty; `"NaN"`, `"-Infinity"`, `"1e39"` (over float32) → non-finite.
 * @example parseCell(' 2.5 ') // { kind: 'number', value: 2.5 }
 */
export function parseCell(raw: string): CellValue {
  const s = raw.trim();
  if (s === '') return { kind: 'empty' };
  if (NUMBER.test(s)) {
    const value = Number(s);
    return Number.isFinite(Math.fround(value)) ? { kind: 'number', value } : { kind: 'non-finite' };
  }
  return NON_FINITE.test(s) ? { kind: 'non-finite' } : { kind: 'non-numeric' };
}
