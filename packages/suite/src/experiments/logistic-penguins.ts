/** `logistic-penguins`: the one-layer net ≡ logistic regression on the Palmer penguins (4 measurements → species). */
import { loadPenguins } from '@openbox/datasets';
import type { Experiment } from '../experiment.js';
import { oneLayerNetIsLogisticRegression } from './one-layer-net-is-logistic-regression.js';

/**
 * Penguins, 342 rows. Binary task Chinstrap vs rest: its MLE exists and is well determined (Gentoo vs rest
 * is completely separable; Adelie vs rest is nearly so, log-likelihood −4.7, odds ratios in the thousands). The
 * three-species multinomial task is separable (Gentoo), so no MLE exists: the multinomial and one-vs-all fits are the
 * penalized (L2 = 1) maximum-likelihood fits, and the claim, the reason and the metrics say so.
 */
export const logisticPenguins: Experiment = oneLayerNetIsLogisticRegression({
  id: 'logistic-penguins',
  title: 'Penguins: a one-layer net is logistic regression',
  positiveClass: 'Chinstrap',
  load: () => loadPenguins(),
  penalties: { multinomial: 1, oneVsAll: 1 },
});
