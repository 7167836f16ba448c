/**
 * The `openbox explain --json` objects. One local method:
 * `{ method, output, features, explanations: [{ row, class, prediction, baseValue, values: { <feature>: number },
 * standardErrors? }] }`. `--method all`: `{ method: 'all', output, features, methods, skipped: { <method>: reason },
 * explanations: { <method>: [same rows] } }`. Permutation: `{ method: 'permutation', output: <metric>, features,
 * baseline, importance: [{ feature, mean, sd, low, high }] }`.
 */
import type { RowExplanation } from './explain-rows.js';

const byName = (names: readonly string[], values: ArrayLike<number>): Record<string, number> =>
  Object.fromEntries(names.map((n, j) => [n, values[j]!]));

/** One row: `class` is the explained class's name (the table's label, or its index for a model with other classes). */
export function rowJson(e: RowExplanation, features: readonly string[], classNames: readonly string[]) {
  return {
    row: e.row,
    class: classNames[e.classIndex]!,
    prediction: e.prediction,
    baseValue: e.baseValue,
    values: byName(features, e.values),
    ...(e.standardErrors === undefined ? {} : { standardErrors: byName(features, e.standardErrors) }),
  };
}

/** What every local JSON object shares. */
export interface JsonContext {
  readonly output: string;
  readonly features: readonly string[];
  readonly classNames: readonly string[];
}

/** The object of one local method. */
export function localJson(method: string, rows: readonly RowExplanation[], c: JsonContext) {
  return {
    method,
    output: c.output,
    features: c.features,
    explanations: rows.map((e) => rowJson(e, c.features, c.classNames)),
  };
}

/** The object of `--method all`: every method that ran, in order, and why the others did not. */
export function allJson(
  results: readonly { readonly method: string; readonly rows: readonly RowExplanation[] }[],
  skipped: readonly { readonly method: string; readonly reason: string }[],
  c: JsonContext,
) {
  return {
    method: 'all',
    output: c.output,
    features: c.features,
    methods: results.map((r) => r.method),
    skipped: Object.fromEntries(skipped.map((s) => [s.method, s.reason])),
    explanations: Object.fromEntries(
      results.map((r) => [r.method, r.rows.map((e) => rowJson(e, c.features, c.classNames))]),
    ),
  };
}

/** One feature's permutation importance: the metric's mean drop over repeats, its sd and interval. */
export interface ImportanceRow {
  readonly feature: string;
  readonly mean: number;
  readonly sd: number;
  readonly low: number;
  readonly high: number;
}

/** The object of `--method permutation`; `output` is the metric whose drop is measured. */
export function permutationJson(
  metric: string,
  baseline: number,
  features: readonly string[],
  importance: readonly ImportanceRow[],
) {
  return { method: 'permutation', output: metric, features, baseline, importance };
}
