/** `loadFeatureCsv`: streams a CSV file's chosen numeric columns into a `FeatureTable` — no target column needed. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { resolveFeatureCsvOptions, type FeatureCsvOptions } from './feature-csv-options.js';
import { buildFeatureTable, type FeatureTable } from './feature-table.js';
import { readCsvFile } from './read-csv-file.js';

const FN = 'loadFeatureCsv';

/**
 * Loads the columns `options.features` (by name, in that order; other columns are ignored) of a CSV file, for rows
 * that carry no label: background data for an explainer, rows to score. Same reader as `loadCsv` — streamed in
 * chunks of ≤ 1 MiB, a regular file only (`/dev/zero`, a FIFO, a socket or a folder refused at once), at most
 * `options.maxBytes` (default `DEFAULT_MAX_BYTES`, 1 GiB), strict UTF-8, quoted fields, the same cell rules
 * (finite, fits float32; an empty cell is an error naming its line and column — no row is dropped or imputed, as in
 * `loadCsv`) and the same messages — but no target and no class rules: one data row is enough and a column with
 * one value in every row is kept. A header with no data row is still an error.
 * @example
 * const bg = await loadFeatureCsv('background.csv', { features: ['bill_length_mm', 'body_mass_g'] });
 * bg.shape // [rows, 2]
 */
export async function loadFeatureCsv(path: string, options: FeatureCsvOptions): Promise<FeatureTable> {
  // 1. Arguments.
  if (typeof path !== 'string' || path === '') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(FN, 'path', 'a file path', path));
  }
  const opts = resolveFeatureCsvOptions(options, FN);
  // 2. Open and stream: every record checked as it arrives (see `readCsvFile`).
  const consumer = await readCsvFile(FN, path, opts);
  // 3. At least one data row; the table.
  return buildFeatureTable(consumer.finishTable());
}
