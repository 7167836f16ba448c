/** `readCsvFile`: streams a CSV file (regular files only, capped, strict UTF-8) into a `CsvRecordConsumer`. */
import { finished } from 'node:stream/promises';
import { openRegularFile, type OpenedFile } from '@openbox/safe-io';
import { Parser } from 'csv-parse';
import type { ResolvedCsvOptions } from './csv-options.js';
import { csvParserOptions } from './csv-parser-options.js';
import { CsvRecordConsumer } from './csv-record-consumer.js';
import { fromSafeIoError } from './from-safe-io-error.js';
import { Utf8Checker } from './utf8-checker.js';

/**
 * The file half of `loadCsv` and `loadFeatureCsv`: opens `path` as a regular file of at most `opts.maxBytes`
 * (checked on the open descriptor, so `/dev/zero`, a FIFO or a folder is refused before a byte is read), reads it in
 * chunks of ≤ 1 MiB, each checked as strict UTF-8 and fed to csv-parse, whose records go straight to a
 * `CsvRecordConsumer` — which throws at the first bad one. Returns the consumer, all records read; the caller
 * applies its whole-table rules (`finish` or `finishTable`). Errors are `DatasetError`s naming `fn`, the file, line
 * and column; file-level ones keep `@openbox/safe-io`'s message.
 * @example const table = (await readCsvFile('loadFeatureCsv', 'bg.csv', opts)).finishTable();
 */
export async function readCsvFile(
  fn: string,
  path: string,
  opts: ResolvedCsvOptions,
): Promise<CsvRecordConsumer> {
  // 1. Open: a regular file within the cap, or a clear refusal before a byte is read.
  let opened: OpenedFile;
  try {
    opened = await openRegularFile(path, {
      maxBytes: opts.maxBytes,
      what: 'CSV file',
      hint: 'raise it with maxBytes / --max-bytes',
      caller: fn,
    });
  } catch (error) {
    throw fromSafeIoError(error, path);
  }
  // 2. Stream: UTF-8 check → csv-parse → the record consumer (which throws at the first bad record).
  const consumer = new CsvRecordConsumer(fn, opts, path);
  const utf8 = new Utf8Checker(fn, path);
  const parser = new Parser(csvParserOptions(consumer.onRecord));
  parser.on('error', () => undefined); // read synchronously from `parser.errored` below
  try {
    for await (const chunk of opened.chunks) {
      utf8.push(chunk);
      parser.write(chunk); // parses synchronously: records are consumed, none is queued
      if (parser.errored) throw parser.errored;
    }
    utf8.end();
    parser.end();
    await finished(parser, { readable: false });
  } catch (error) {
    throw fromSafeIoError(consumer.toDatasetError(error), path);
  } finally {
    parser.destroy();
  }
  return consumer;
}
