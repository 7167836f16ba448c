/** `loadCsv`: streams a user's CSV file (regular files only, capped, strict UTF-8) through the `parseCsv` rules. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { resolveCsvOptions, type CsvOptions } from './csv-options.js';
import { readCsvFile } from './read-csv-file.js';

const FN = 'loadCsv';

/**
 * Loads a CSV file into a `Dataset` with the rules and messages of `parseCsv`, streaming: the file is read in
 * chunks of ≤ 1 MiB, each checked as strict UTF-8 and fed to csv-parse, and each record's numeric cells go straight
 * into a float32 array that doubles as rows arrive — neither the text nor the records are kept, so memory is about
 * the table (4 bytes a feature cell, at most twice that while it grows), whatever the file size.
 *
 * The path must be a regular file (checked on the open descriptor: `/dev/zero`, `/dev/urandom`, a FIFO, a socket,
 * a folder or a link to one are refused at once) of at most `options.maxBytes` (default `DEFAULT_MAX_BYTES`, 1 GiB;
 * raise or lower it at will); a read that stalls for 10 s fails. Feature cells must fit float32 (see `parseCsv`:
 * a value that would become ±Infinity or lose its precision below 1.1754944e-38 is an error, "rescale the column").
 * Errors are `DatasetError`s naming the file, line and column; file-level ones keep `@openbox/safe-io`'s message.
 * @example
 * const penguins = await loadCsv('penguins.csv', { target: 'species', features: ['bill_length_mm', 'body_mass_g'] });
 */
export async function loadCsv(path: string, options: CsvOptions): Promise<Dataset> {
  // 1. Arguments.
  if (typeof path !== 'string' || path === '') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(FN, 'path', 'a file path', path));
  }
  const opts = resolveCsvOptions(options, FN);
  // 2. Open and stream: every record checked as it arrives (see `readCsvFile`).
  const consumer = await readCsvFile(FN, path, opts);
  // 3. Whole-table rules and the dataset.
  return consumer.finish();
}
