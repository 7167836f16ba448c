/** `parseCsv`: validated CSV text in memory → `Dataset`, numeric features and a class target chosen by name. */
import type { Dataset } from '../types.js';
import { resolveCsvOptions, type CsvOptions } from './csv-options.js';
import { readCsvText } from './read-csv-text.js';

/** `CsvOptions` plus the file name used in error messages and the dataset's `source`. */
export type ParseCsvOptions = CsvOptions & { fileName?: string };

/**
 * Parses CSV text into a `Dataset`, by the same rules and messages as `loadCsv` (one record consumer serves both).
 * Rules: a header line is required; fields are comma-separated, may be quoted (`"a,b"`, `""` for a quote) and span
 * lines; LF, CRLF and CR line ends; a UTF-8 BOM is ignored; blank lines are skipped; cells are trimmed. Feature
 * cells must be finite numbers that float32 holds (no empty cells, NaN, Infinity, |v| > 3.4028235e38, or nonzero
 * |v| < 1.1754944e-38); target labels (text or numbers) become classes sorted numerically when all labels are
 * numbers, otherwise by code unit. Any problem throws a `DatasetError` naming the file, the 1-based line and the
 * column, with untrusted text escaped and cut short; nothing is returned half-loaded.
 * @example
 * const ds = parseCsv('x,y,label\n1,2,a\n3,4,b\n', { target: 'label' });
 * ds.shape // [2, 2]; ds.classNames // ['a', 'b']; ds.target // Int32Array [0, 1]
 */
export function parseCsv(text: string, options: ParseCsvOptions): Dataset {
  const fn = 'parseCsv';
  // 1. Options; 2. the text's size and records (see `readCsvText`); 3. whole-table rules and the dataset.
  const opts = resolveCsvOptions(options, fn);
  return readCsvText(fn, text, options.fileName, opts).finish();
}
