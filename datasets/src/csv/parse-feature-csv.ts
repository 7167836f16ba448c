/** `parseFeatureCsv`: CSV text in memory → `FeatureTable` of the chosen numeric columns, no target column needed. */
import { resolveFeatureCsvOptions, type FeatureCsvOptions } from './feature-csv-options.js';
import { buildFeatureTable, type FeatureTable } from './feature-table.js';
import { readCsvText } from './read-csv-text.js';

/** `FeatureCsvOptions` plus the file name used in error messages. */
export type ParseFeatureCsvOptions = FeatureCsvOptions & { fileName?: string };

/**
 * The text twin of `loadFeatureCsv`: the columns `options.features` of CSV text, by the rules and messages of
 * `parseCsv` (header required, quoted fields, LF/CRLF/CR, BOM ignored, blank lines skipped, cells trimmed and
 * numeric, finite and within float32; text over `options.maxBytes` UTF-8 bytes refused) without a target: one data
 * row is enough and a constant column is kept.
 * @example
 * const t = parseFeatureCsv('id,"x 1",x2\n7,"1.5",2\n', { features: ['x2', 'x 1'] });
 * t.shape // [1, 2]; t.features // Float32Array [2, 1.5]
 */
export function parseFeatureCsv(text: string, options: ParseFeatureCsvOptions): FeatureTable {
  const fn = 'parseFeatureCsv';
  // 1. Options; 2. the text's size and records (see `readCsvText`); 3. at least one data row; the table.
  const opts = resolveFeatureCsvOptions(options, fn);
  return buildFeatureTable(readCsvText(fn, text, options.fileName, opts).finishTable());
}
