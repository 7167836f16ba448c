/** `FeatureTable`: numeric columns read from a CSV without a target, and `buildFeatureTable` that makes one. */
import type { MissingValueReport } from '../types.js';
import type { CsvTable } from './csv-record-consumer.js';
import type { CsvHeader } from './read-header.js';

/** A feature-only table (e.g. background rows for an explainer): row-major float32 cells, no target. */
export interface FeatureTable {
  /** Row-major cells, `shape[0] × shape[1]`, in the order of `featureNames`. */
  readonly features: Float32Array;
  /** `[rows, d]`; rows ≥ 1, d ≥ 1. */
  readonly shape: readonly [rows: number, d: number];
  /** The columns read, as asked for in `options.features` (trimmed). */
  readonly featureNames: readonly string[];
  /** Rows in the file and rows dropped — always 0: a missing value is an error, as in `loadCsv`. */
  readonly missing: MissingValueReport;
}

/**
 * The rows a `CsvRecordConsumer` read (feature mode, `finishTable`) as a `FeatureTable`. Unlike `buildCsvDataset`
 * there are no class rules, and a column with one value in every row is kept (a single background row is fine).
 * @example buildFeatureTable(consumer.finishTable()).shape // [rows, d]
 */
export function buildFeatureTable({ header, table }: { header: CsvHeader; table: CsvTable }): FeatureTable {
  const featureNames = header.featureIndices.map((c) => header.columns[c] as string);
  return {
    features: table.features,
    shape: [table.rows, featureNames.length],
    featureNames,
    missing: {
      rowsInSource: table.rows,
      rowsDropped: 0,
      policy: 'no rows dropped: an empty, NaN or Infinity cell in a used column is an error, never imputed',
    },
  };
}
