/** `readCsvText`: CSV text in memory (capped in UTF-8 bytes) into a `CsvRecordConsumer`. */
import { parse } from 'csv-parse/sync';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { ResolvedCsvOptions } from './csv-options.js';
import { csvParserOptions } from './csv-parser-options.js';
import { CsvRecordConsumer } from './csv-record-consumer.js';

/**
 * The text half of `parseCsv` and `parseFeatureCsv`: checks `fileName` (a string or undefined: it names the text in
 * messages) and `text`, refuses text over `opts.maxBytes` UTF-8 bytes, then parses it with the loader's csv-parse
 * options, each record checked and stored by a `CsvRecordConsumer` as it is parsed. Returns the consumer, all records
 * read; the caller applies its whole-table rules (`finish` or `finishTable`).
 * @example const ds = readCsvText('parseCsv', 'x,y\n1,a\n2,b\n', undefined, opts).finish();
 */
export function readCsvText(
  fn: string,
  text: string,
  fileName: unknown,
  opts: ResolvedCsvOptions,
): CsvRecordConsumer {
  // 1. Arguments and size.
  if (fileName !== undefined && typeof fileName !== 'string') {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.fileName', 'a string', fileName),
    );
  }
  const file = fileName;
  if (typeof text !== 'string') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, 'text', 'a string', typeof text));
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > opts.maxBytes) {
    throw new DatasetError(
      'file-too-large',
      MESSAGES.fileTooLarge(fn, file ?? 'CSV text', bytes, opts.maxBytes),
      { file },
    );
  }
  // 2. Records, each checked and stored as it is parsed.
  const consumer = new CsvRecordConsumer(fn, opts, file);
  try {
    parse(text, csvParserOptions(consumer.onRecord));
  } catch (error) {
    throw consumer.toDatasetError(error);
  }
  return consumer;
}
