/** Column standardization z = (x − mean) / std with the population standard deviation, and its reuse on new data. */
import { DatasetError } from './dataset-error.js';
import { MESSAGES } from './messages.js';

/** Per-column mean and population standard deviation (divide by n), in float64. */
export interface StandardizationParams {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Standardizes each column of row-major `features` (`shape[0]` rows; the other dims flattened into columns):
 * mean_j = Σ_i x_ij / n, std_j = sqrt(Σ_i (x_ij − mean_j)² / n), z_ij = (x_ij − mean_j) / std_j. Afterwards
 * every column has mean 0 and population std 1. A column with std 0 is only centred (divided by 1), as in
 * scikit-learn; its `params.std` entry stays 0. Returns new arrays; the input is not changed.
 * @example
 * const { features, params } = standardize(new Float32Array([1, 10, 3, 30]), [2, 2]);
 * // features ≈ [-1, -1, 1, 1]; params.mean = [2, 20]; params.std = [1, 10]
 */
export function standardize(
  features: Float32Array,
  shape: readonly number[],
): { features: Float32Array; params: StandardizationParams } {
  const { n, d } = checkShape('standardize', features, shape);
  if (n === 0) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument('standardize', 'shape[0]', '≥ 1 row', n),
    );
  }
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (features[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const dev = (features[i * d + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + dev * dev;
    }
  }
  for (let j = 0; j < d; j++) std[j] = Math.sqrt((std[j] as number) / n);
  const params = { mean, std };
  return { features: applyStandardization(features, shape, params), params };
}

/**
 * Applies parameters from `standardize` to other data with the same columns (e.g. a test split):
 * z_ij = (x_ij − mean_j) / std_j, dividing by 1 where std_j is 0.
 * @example const test = applyStandardization(testX, testShape, trainParams);
 */
export function applyStandardization(
  features: Float32Array,
  shape: readonly number[],
  params: StandardizationParams,
): Float32Array {
  const { n, d } = checkShape('applyStandardization', features, shape);
  if (params?.mean?.length !== d || params?.std?.length !== d) {
    throw new DatasetError(
      'shape-mismatch',
      MESSAGES.shapeMismatch(
        'applyStandardization',
        `params have ${params?.mean?.length ?? 'no'} means and ${params?.std?.length ?? 'no'} stds, ` +
          `but the data has ${d} columns (shape [${shape.join(', ')}])`,
      ),
    );
  }
  const out = new Float32Array(n * d);
  for (let j = 0; j < d; j++) {
    const m = params.mean[j] as number;
    const s = (params.std[j] as number) === 0 ? 1 : (params.std[j] as number);
    for (let i = 0; i < n; i++) out[i * d + j] = ((features[i * d + j] as number) - m) / s;
  }
  return out;
}

/** Rows and flattened columns of `shape`, checked against `features.length`. */
function checkShape(fn: string, features: Float32Array, shape: readonly number[]): { n: number; d: number } {
  if (!(features instanceof Float32Array)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'features', 'a Float32Array', features),
    );
  }
  if (!Array.isArray(shape) || shape.length < 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'shape', 'non-negative integers [n, d, ...]', JSON.stringify(shape)),
    );
  }
  const n = shape[0] as number;
  const d = shape.slice(1).reduce((a, b) => a * b, 1);
  if (n * d !== features.length) {
    throw new DatasetError(
      'shape-mismatch',
      MESSAGES.shapeMismatch(
        fn,
        `shape [${shape.join(', ')}] holds ${n * d} values but features has ${features.length}`,
      ),
    );
  }
  return { n, d };
}
