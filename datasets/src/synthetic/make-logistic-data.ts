/** `makeLogisticData`: Gaussian features and Bernoulli labels from a logistic model with known weights. */
import { createRandom } from '../random.js';
import type { Dataset } from '../types.js';
import { checkFinite, checkInteger } from './check-args.js';

const FN = 'makeLogisticData';

/** Options of `makeLogisticData`; all required. */
export interface LogisticDataOptions {
  /** Rows, ≥ 1. */
  n: number;
  /** True coefficients w, one per feature (≥ 1). */
  weights: readonly number[];
  /** True intercept b. */
  intercept: number;
  /** Integer seed; same seed, same data. */
  seed: number;
}

/** A logistic dataset with its ground truth. */
export type LogisticData = Dataset & {
  readonly trueWeights: number[];
  readonly trueIntercept: number;
  /** P(y = 1 | x_i) = σ(b + w·x_i) for each row. */
  readonly trueProbabilities: Float64Array;
};

/**
 * x_ij ~ N(0, 1) independently, y_i ~ Bernoulli(σ(b + Σ_j w_j x_ij)) with σ(t) = 1 / (1 + e^−t). A logistic
 * regression fit on large n recovers (w, b). Features x1..xd, classes '0', '1'.
 * @example const ds = makeLogisticData({ n: 1000, weights: [2, -1], intercept: 0.5, seed: 0 });
 */
export function makeLogisticData(options: LogisticDataOptions): LogisticData {
  // 1. Arguments.
  const n = checkInteger(FN, 'options.n', options.n, 1);
  const seed = checkInteger(FN, 'options.seed', options.seed, Number.MIN_SAFE_INTEGER);
  const intercept = checkFinite(FN, 'options.intercept', options.intercept);
  const weights = Array.isArray(options.weights) ? [...options.weights] : [];
  checkInteger(FN, 'options.weights.length', weights.length, 1);
  weights.forEach((w, j) => checkFinite(FN, `options.weights[${j}]`, w));
  // 2. Draw features, then labels.
  const d = weights.length;
  const random = createRandom(seed);
  const features = new Float32Array(n * d);
  const target = new Int32Array(n);
  const probabilities = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let logit = intercept;
    for (let j = 0; j < d; j++) {
      const x = Math.fround(random.normal());
      features[i * d + j] = x;
      logit += (weights[j] as number) * x;
    }
    const p = 1 / (1 + Math.exp(-logit));
    probabilities[i] = p;
    target[i] = random.uniform() < p ? 1 : 0;
  }
  return {
    name: 'logistic',
    features,
    shape: [n, d],
    featureNames: weights.map((_, j) => `x${j + 1}`),
    target,
    classNames: ['0', '1'],
    targetName: 'y',
    description:
      `Synthetic logistic data (seed ${seed}): x ~ N(0, I_${d}), y ~ Bernoulli(σ(b + w·x)) with ` +
      `w = [${weights.join(', ')}], b = ${intercept}.`,
    source: `@openbox/datasets makeLogisticData (mulberry32 seed ${seed})`,
    license: 'MIT (generated)',
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'generated; no missing values' },
    trueWeights: weights,
    trueIntercept: intercept,
    trueProbabilities: probabilities,
  };
}
