/**
 * The tables the tabular page offers — penguins, cars, XOR and a synthetic logistic set with a known dummy feature —
 * each loaded once and standardized in float64 (z = (x − μ)/σ, population σ) for both models.
 */
import { loadCars, loadPenguins, makeLogisticData, makeXorData } from '@openbox/datasets';
import type { Dataset } from '@openbox/datasets';
import { standardizeColumns } from '@openbox/logistic';
import type { Matrix } from '@openbox/tabular';

/** The datasets' names, in the page's order. */
export const TABULAR_DATASETS = ['penguins', 'cars', 'xor', 'synthetic'] as const;
export type TabularDatasetName = (typeof TABULAR_DATASETS)[number];

/** True when `value` is one of {@link TABULAR_DATASETS}. */
export const isTabularDataset = (value: unknown): value is TabularDatasetName =>
  (TABULAR_DATASETS as readonly unknown[]).includes(value);

/** True weights of the synthetic set: x5 is the dummy (weight 0), so every method should give it ≈ 0. */
export const SYNTHETIC_WEIGHTS = [2, -1.5, 1, 0.5, 0] as const;

/** How each table is made: the real ones from vega-datasets, the synthetic ones with seed 0. */
const LOADERS: Record<TabularDatasetName, () => Dataset> = {
  penguins: loadPenguins,
  cars: loadCars,
  xor: () => makeXorData({ n: 400, seed: 0 }),
  synthetic: () => makeLogisticData({ n: 500, weights: SYNTHETIC_WEIGHTS, intercept: 0, seed: 0 }),
};

/** A dataset as the page's models see it. */
export interface TabularTable {
  readonly name: TabularDatasetName;
  readonly description: string;
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  /** Rows × features in the dataset's units (float32 values as decimals). */
  readonly raw: Matrix;
  /** The same rows standardized: what both models are fitted on and explained in. */
  readonly x: Matrix;
  /** Class index per row. */
  readonly labels: Int32Array;
}

/** Float32 values read back as the short decimals they were parsed from (39.1, not 39.099998474121094). */
const decimal = (v: number): number => Number(v.toPrecision(7));

/**
 * Loads `name` and standardizes its columns (logistic's `standardizeColumns`, float64).
 * @example const t = loadTabularTable('penguins'); [t.x.rows, t.x.cols] // [342, 4]
 */
export function loadTabularTable(name: TabularDatasetName): TabularTable {
  const ds = LOADERS[name]();
  const [rows = 0, cols = 0] = ds.shape;
  const { features } = standardizeColumns(ds.features, ds.shape);
  return {
    name,
    description: ds.description,
    featureNames: ds.featureNames,
    classNames: ds.classNames,
    raw: { data: Float64Array.from(ds.features, decimal), rows, cols },
    x: { data: features, rows, cols },
    labels: ds.target,
  };
}
