/** `formatNumber`: a number in about `digits` significant digits, exponent form when very small or large. */

/**
 * `0.001234` → `0.001234`, `1.5e-7` → `1.500e-7`, `123456` → `1.235e+5`; non-finite values as `NaN` / `Infinity`.
 * @example formatNumber(Math.PI) // '3.142'
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5))
    return value.toExponential(digits - 1);
  return value.toPrecision(digits);
}
