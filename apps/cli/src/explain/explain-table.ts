/** `readExplainTable`: the `--csv` table as the explainers see it — raw values, the model's inputs, labels, classes. */
import { applyStandardization, loadCsv, standardize, type StandardizationParams } from '@openbox/datasets';
import type { Matrix } from '@openbox/tabular';

/** What the command reads from `--csv`. */
export interface ExplainTableOptions {
  readonly csv: string;
  readonly target: string;
  readonly features: readonly string[] | undefined;
  readonly standardize: boolean;
  readonly maxBytes: number;
}

/** The table: every data row, in CSV order (row r is the r-th data row, from 0). */
export interface ExplainTable {
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  /** Class index per row, into `classNames`. */
  readonly labels: Int32Array;
  /** The feature cells as read (float32), `rows × features`: what the text report shows. */
  readonly raw: Float32Array;
  /** The model's inputs in float64: `raw`, or `(raw − mean) / sd` with `--standardize`. */
  readonly x: Matrix;
  /** The CSV's column means and population sds, with `--standardize` (applied to `--background` too). */
  readonly standardization: StandardizationParams | undefined;
}

/** Float32 rows → the float64 Matrix of the explainers. */
export function toInputs(values: Float32Array, d: number): Matrix {
  return { data: Float64Array.from(values), rows: values.length / d, cols: d };
}

/**
 * Loads `--csv` through `loadCsv` (validated and streamed; its errors name the file, line and column) and, with
 * `--standardize`, standardizes the features with the table's own means and population sds.
 * @example const table = await readExplainTable({ csv: 'data.csv', target: 'y', features: undefined, standardize: false, maxBytes });
 */
export async function readExplainTable(o: ExplainTableOptions): Promise<ExplainTable> {
  const ds = await loadCsv(o.csv, {
    target: o.target,
    maxBytes: o.maxBytes,
    ...(o.features ? { features: o.features } : {}),
  });
  const d = ds.featureNames.length;
  const scaled = o.standardize ? standardize(ds.features, ds.shape) : undefined;
  return {
    featureNames: ds.featureNames,
    classNames: ds.classNames,
    labels: ds.target,
    raw: ds.features,
    x: toInputs(scaled?.features ?? ds.features, d),
    standardization: scaled?.params,
  };
}

/** Background rows as model inputs: standardized with the table's parameters when the table is. */
export function backgroundInputs(
  values: Float32Array,
  d: number,
  standardization: StandardizationParams | undefined,
): Matrix {
  const n = values.length / d;
  return toInputs(
    standardization === undefined ? values : applyStandardization(values, [n, d], standardization),
    d,
  );
}
