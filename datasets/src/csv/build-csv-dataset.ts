/** `buildCsvDataset`: the table read from a CSV → a `Dataset`, after the whole-table rules (classes, constants). */
import { escapeForMessage } from '@openbox/safe-io';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES, excerpt } from '../messages.js';
import type { Dataset } from '../types.js';
import { encodeLabels } from './encode-labels.js';
import type { GrowingTable } from './growing-table.js';
import type { CsvHeader } from './read-header.js';

type Table = ReturnType<GrowingTable['finish']>;

/**
 * Sorts the classes (`encodeLabels`), then rejects a target with one class and a feature column with one value in
 * every row, and names the dataset after the file (`data/birds.csv` → `birds`; text → `csv`).
 * @example buildCsvDataset('parseCsv', header, table.finish(), 'birds.csv').shape // [rows, features]
 */
export function buildCsvDataset(
  fn: string,
  header: CsvHeader,
  table: Table,
  file: string | undefined,
): Dataset {
  const { rows, features } = table;
  // 1. Classes.
  const { classNames, target } = encodeLabels(table.labels, table.labelIds);
  const targetName = header.columns[header.targetIndex] as string;
  if (classNames.length < 2) {
    const loc = { file, column: targetName };
    throw new DatasetError('one-class', MESSAGES.oneClass(fn, loc, classNames[0] ?? '', rows), loc);
  }
  // 2. Constant columns.
  const featureNames = header.featureIndices.map((c) => header.columns[c] as string);
  checkNotConstant(fn, features, rows, featureNames, file);
  // 3. The dataset.
  const base =
    file === undefined ? 'csv' : (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '') || 'csv';
  const d = featureNames.length;
  const from = file === undefined ? 'CSV text' : `"${escapeForMessage(file, 200)}"`;
  return {
    name: base,
    features,
    shape: [rows, d],
    featureNames,
    target,
    classNames,
    targetName,
    description: `${rows} rows × ${d} numeric features from ${from}; target "${excerpt(targetName)}" with ${classNames.length} classes.`,
    source: file === undefined ? 'CSV text passed to parseCsv' : `CSV file ${escapeForMessage(file, 200)}`,
    license: 'unknown (user data)',
    missing: {
      rowsInSource: rows,
      rowsDropped: 0,
      policy: 'no rows dropped: an empty, NaN or Infinity cell in a used column is an error, never imputed',
    },
  };
}

/** Rejects a feature column whose value is the same in every row. */
function checkNotConstant(
  fn: string,
  features: Float32Array,
  rows: number,
  names: readonly string[],
  file: string | undefined,
): void {
  const d = names.length;
  for (let k = 0; k < d; k++) {
    const first = features[k] as number;
    let constant = true;
    for (let r = 1; r < rows && constant; r++) constant = features[r * d + k] === first;
    if (constant) {
      const loc = { file, column: names[k] as string };
      throw new DatasetError('constant-feature', MESSAGES.constantFeature(fn, loc, first, rows), loc);
    }
  }
}
