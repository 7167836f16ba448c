/** Which tabular datasets an experiment covers, and the part of its result that belongs to one of them. */
import type { ChartEntry, ExperimentResult } from '@openbox/suite';
import { NAME_PATTERN } from '../results/ids.js';

/**
 * The datasets of a result: its string metric `dataset` (one name) and/or `datasets` (comma-separated names),
 * keeping names that are safe URL segments. Experiments without either have no dataset page.
 */
export function datasetsOf(result: ExperimentResult): string[] {
  const names: string[] = [];
  const one = result.metrics['dataset'];
  const many = result.metrics['datasets'];
  if (typeof one === 'string') names.push(one);
  if (typeof many === 'string') names.push(...many.split(','));
  return [...new Set(names.map((n) => n.trim()))].filter((n) => NAME_PATTERN.test(n));
}

/** One experiment's view of a dataset: its charts and metrics for that dataset. */
export interface DatasetSlice {
  readonly charts: readonly ChartEntry[];
  readonly metrics: readonly (readonly [string, number | string | boolean])[];
}

/**
 * The charts and metrics of `result` about dataset `d`: charts whose id starts with `<d>-` and metrics named
 * `<d>.<name>` (shown as `<name>`). An experiment about a single dataset contributes all its charts and metrics.
 */
export function datasetSlice(result: ExperimentResult, d: string): DatasetSlice {
  const single = datasetsOf(result).length === 1;
  const prefixed = result.charts.filter((c) => c.id.startsWith(`${d}-`));
  const charts = single && prefixed.length === 0 ? result.charts : prefixed;
  const entries = Object.entries(result.metrics);
  const scoped = entries
    .filter(([k]) => k.startsWith(`${d}.`))
    .map(([k, v]) => [k.slice(d.length + 1), v] as const);
  const metrics =
    single && scoped.length === 0 ? entries.filter(([k]) => k !== 'dataset' && k !== 'datasets') : scoped;
  return { charts, metrics };
}
