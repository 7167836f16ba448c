/** `logistic-cars`: the one-layer net ≡ logistic regression on the 1970–82 cars (6 specifications → origin). */
import { loadCars } from '@openbox/datasets';
import type { Experiment } from '../experiment.js';
import { oneLayerNetIsLogisticRegression } from './one-layer-net-is-logistic-regression.js';

/**
 * Cars, 392 rows. Binary task USA vs rest; neither it nor the three-origin multinomial task is separable, so every
 * fit is the plain maximum-likelihood estimate (l2 = 0).
 */
export const logisticCars: Experiment = oneLayerNetIsLogisticRegression({
  id: 'logistic-cars',
  title: 'Cars: a one-layer net is logistic regression',
  positiveClass: 'USA',
  load: () => loadCars(),
});
