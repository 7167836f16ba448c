/** The text of `openbox explain` without `--json`: per row, its features sorted by |value|, and the base value. */
import { formatNumber as num } from '../format-number.js';
import { table } from '../table.js';
import type { ImportanceRow } from './explain-json.js';
import type { RowExplanation } from './explain-rows.js';

/** What the report prints beside the values. */
export interface ReportContext {
  readonly method: string;
  /** e.g. `probability` or `logit`. */
  readonly output: string;
  readonly features: readonly string[];
  readonly classNames: readonly string[];
  /** The feature cells of every CSV row as read (before any standardization), `rows × features`. */
  readonly raw: Float32Array;
}

/**
 * One block per row: a header with the class, prediction and base value, then a table (feature, value in the CSV,
 * the method's value, its standard error where estimated), sorted by |value| descending.
 * @example console.log(localReport(rows, { method: 'exact', output: 'probability', features, classNames, raw }));
 */
export function localReport(rows: readonly RowExplanation[], c: ReportContext): string {
  const d = c.features.length;
  const blocks = rows.map((e) => {
    const order = [...e.values.keys()].sort((a, b) => Math.abs(e.values[b]!) - Math.abs(e.values[a]!));
    const sum = e.values.reduce((s, v) => s + v, 0);
    const se = e.standardErrors;
    const header = ['feature', 'value', `${c.method} value`, ...(se ? ['± s.e.'] : [])];
    const body = order.map((j) => [
      c.features[j]!,
      num(c.raw[e.row * d + j]!),
      num(e.values[j]!),
      ...(se ? [num(se[j]!, 2)] : []),
    ]);
    return [
      `Row ${e.row}, class '${c.classNames[e.classIndex]}': ${c.output} ${num(e.prediction)} = base value ${num(e.baseValue)} + ${num(sum)} (sum of the values${Math.abs(e.baseValue + sum - e.prediction) > 1e-6 * Math.max(1, Math.abs(e.prediction)) ? `; off by ${num(e.prediction - e.baseValue - sum, 2)}` : ''})`,
      table(header, body),
    ].join('\n');
  });
  return [
    `${c.method}: ${rows.length} row${rows.length === 1 ? '' : 's'} explained, ${c.output} space.`,
    ...blocks,
  ].join('\n\n');
}

/** Permutation importance as a table sorted by importance, with the baseline score and the interval's level. */
export function permutationReport(
  metric: string,
  baseline: number,
  level: number,
  importance: readonly ImportanceRow[],
): string {
  const rows = [...importance].sort((a, b) => b.mean - a.mean);
  const worse = metric === 'accuracy' ? 'falls' : 'rises';
  return [
    `Permutation importance: how much ${metric} worsens (${worse}) when a feature's column is shuffled; baseline ${metric} ${num(baseline)}.`,
    table(
      ['feature', 'importance', 'sd', `${Math.round(level * 100)}% interval`],
      rows.map((r) => [r.feature, num(r.mean), num(r.sd, 2), `[${num(r.low)}, ${num(r.high)}]`]),
    ),
  ].join('\n');
}
