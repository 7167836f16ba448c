/** Pieces shared by the SHAP plots: SHAP's colors, value labels, feature ordering, per-feature color ranges. */
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { assertFinite, assertLabel, assertNonEmpty, assertUnique } from './validate.js';

/** SHAP's red (`shap.plots.colors.red_rgb` = rgb(1, 0, 0.3176)): positive values, high feature values. */
export const SHAP_RED = '#ff0051';
/** SHAP's blue (`shap.plots.colors.blue_rgb` = rgb(0, 0.5451, 0.9843)): negative values, low feature values. */
export const SHAP_BLUE = '#008bfb';

/** Layout options every SHAP / PDP chart takes. */
export interface ShapLayoutOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Width in pixels. Default 420. */
  readonly width?: number;
}

/** The layout defaults of the SHAP / PDP charts. */
export const LAYOUT_DEFAULTS = { width: 420 } satisfies Required<Omit<ShapLayoutOptions, 'title'>>;

/** `v` with 4 significant digits and no padding zeros (39.1, 0.4123, 3750), as SHAP's `format_value`. */
export function formatValue(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** `v` with its sign: `+0.23`, `-0.1`. */
export function formatSigned(v: number): string {
  return v >= 0 ? `+${formatValue(v)}` : formatValue(v);
}

/** Checks non-empty, unique feature names. */
export function assertFeatures(fn: string, arg: string, features: readonly string[]): void {
  assertNonEmpty(fn, arg, features);
  features.forEach((f, i) => assertLabel(fn, `${arg}[${i}]`, f));
  assertUnique(fn, arg, features);
}

/** Checks an array of finite numbers, of length `length` when given (else non-empty). */
export function assertVector(fn: string, arg: string, values: readonly number[], length?: number): void {
  assertNonEmpty(fn, arg, values);
  if (length !== undefined && values.length !== length)
    throw new ChartInputError(MESSAGES.lengthMismatch(fn, arg, length, values.length));
  values.forEach((v, i) => assertFinite(fn, `${arg}[${i}]`, v));
}

/** Feature indices by decreasing `score`; ties keep input order (a stable sort). */
export function orderByDecreasing(score: readonly number[]): number[] {
  return score.map((_, j) => j).sort((a, b) => score[b]! - score[a]! || a - b);
}

/** The `p`-th percentile (0–100) with linear interpolation between order statistics (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The color range of a feature as SHAP's beeswarm picks it: [5th, 95th] percentile, else [1st, 99th] when those
 * are equal, else [min, max] — robust to outliers, which are clipped to the ends.
 */
export function colorRange(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  for (const p of [5, 1, 0]) {
    const lo = percentile(sorted, p);
    const hi = percentile(sorted, 100 - p);
    if (lo < hi) return [lo, hi];
  }
  return [sorted[0]!, sorted[0]!];
}

/** `v` normalized to [0, 1] over `range` and clipped (a constant feature maps to 0.5). */
export function normalize(v: number, [lo, hi]: readonly [number, number]): number {
  return lo < hi ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
}

/** The red-positive / blue-negative colour channel of the SHAP bar charts, on a `sign` field. */
export const SIGN_COLOR = {
  field: 'sign',
  type: 'nominal',
  scale: { domain: ['positive', 'negative'], range: [SHAP_RED, SHAP_BLUE] },
  legend: null,
} as const;
