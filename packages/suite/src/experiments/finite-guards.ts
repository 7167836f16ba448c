/** Guards of an experiment's inputs and measured numbers: a NaN or ±Infinity fails the experiment, never backs a verdict. */
import { MESSAGES } from '../messages.js';
import { SuiteError } from '../suite-error.js';

/**
 * Throws a `non-finite` `SuiteError` naming the layer when `values` (a layer's kernel or bias, as `what`) holds a NaN
 * or an infinity.
 * @example assertFiniteWeights('max-patch-vs-filter', 'conv1', 'kernel weight', kernels.kernel)
 */
export function assertFiniteWeights(
  experimentId: string,
  layer: string,
  what: string,
  values: ArrayLike<number>,
): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value))
      throw new SuiteError('non-finite', MESSAGES.nonFiniteWeight(experimentId, layer, what, i, value));
  }
}

/**
 * Throws a `non-finite` `SuiteError` naming the metric and `where` it was measured (a layer, a unit) when one of
 * `metrics` is NaN or infinite.
 * @example assertFiniteMetrics('unimodality', "unit 'logits:3'", { optimaCorrelation: 0.93 })
 */
export function assertFiniteMetrics(
  experimentId: string,
  where: string,
  metrics: Readonly<Record<string, number>>,
): void {
  for (const [name, value] of Object.entries(metrics))
    if (!Number.isFinite(value))
      throw new SuiteError('non-finite', MESSAGES.nonFiniteMetric(experimentId, name, where, value));
}
