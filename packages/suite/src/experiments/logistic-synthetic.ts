/** `logistic-synthetic`: the one-layer net ≡ logistic regression on data drawn from a logistic model with known weights. */
import { makeLogisticData, type LogisticData } from '@openbox/datasets';
import type { Experiment, ExperimentContext } from '../experiment.js';
import { oneLayerNetIsLogisticRegression } from './one-layer-net-is-logistic-regression.js';

/** The generating model: x ~ N(0, I₅), y ~ Bernoulli(σ(b + w·x)); x4 has no effect. */
export const SYNTHETIC_WEIGHTS = [1.5, -1, 0.5, 0, 2] as const;
export const SYNTHETIC_INTERCEPT = -0.5;
/** Rows: 1,000, or 500 under `--quick` (ml-logistic-regression's cost grows with rows × steps). */
export const SYNTHETIC_ROWS = { quick: 500, full: 1_000 } as const;

/**
 * The experiment's data: {@link SYNTHETIC_ROWS} rows from the model above, seeded by `ctx.rng.fork('data')` (forking
 * does not advance `ctx.rng`, so the same context gives the same data).
 */
export function loadSyntheticData(ctx: Pick<ExperimentContext, 'rng' | 'quick'>): LogisticData {
  return makeLogisticData({
    n: ctx.quick ? SYNTHETIC_ROWS.quick : SYNTHETIC_ROWS.full,
    weights: [...SYNTHETIC_WEIGHTS],
    intercept: SYNTHETIC_INTERCEPT,
    seed: ctx.rng.fork('data').int(2 ** 31),
  });
}

/**
 * Synthetic logistic data (seed from `ctx.rng`), class 1 vs 0. Besides the net-vs-exact gap, the metrics report how
 * far the exact fit is from the true parameters, in standard errors (`trueParametersMaxAbsOverSe`).
 */
export const logisticSynthetic: Experiment = oneLayerNetIsLogisticRegression({
  id: 'logistic-synthetic',
  title: 'Synthetic data with known weights: a one-layer net is logistic regression',
  positiveClass: '1',
  load: loadSyntheticData,
});
