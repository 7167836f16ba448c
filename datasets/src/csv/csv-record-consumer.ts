/** `CsvRecordConsumer`: the CSV rules, applied record by record as csv-parse emits them (text or stream alike). */
import { CsvError, type InfoRecord } from 'csv-parse';
import { DatasetError, type DatasetErrorLocation } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { buildCsvDataset } from './build-csv-dataset.js';
import type { ResolvedCsvOptions } from './csv-options.js';
import { MAX_RECORD_BYTES } from './csv-parser-options.js';
import { GrowingTable } from './growing-table.js';
import { parseCell, type CellProblem } from './parse-cell.js';
import { readHeader, type CsvHeader } from './read-header.js';

/** The rows a `CsvRecordConsumer` read, trimmed to size (`GrowingTable.finish`). */
export type CsvTable = ReturnType<GrowingTable['finish']>;

/**
 * Receives csv-parse's records one at a time: the first is the header, each later one is checked (field count,
 * label — unless the options have no target, as for a feature table — numeric cells) and written into a
 * `GrowingTable`; nothing else of the text is kept. Line numbers are its
 * own (csv-parse counts a CRLF inside quotes twice): a record starts on `1 + lines of earlier records + blank
 * lines skipped so far`, and a record spans `1 + line breaks inside its quoted fields` lines.
 * @example
 * const c = new CsvRecordConsumer('parseCsv', opts, 'data.csv');
 * try { parse(text, csvParserOptions(c.onRecord)); } catch (e) { throw c.toDatasetError(e); }
 * return c.finish();
 */
export class CsvRecordConsumer {
  private header: CsvHeader | undefined;
  private table: GrowingTable | undefined;
  private linesDone = 0;

  constructor(
    private readonly fn: string,
    private readonly opts: ResolvedCsvOptions,
    private readonly file: string | undefined,
  ) {}

  /** csv-parse's `on_record`: checks and stores one record; returns `null` so csv-parse keeps nothing. */
  readonly onRecord = (fields: string[], context: InfoRecord): null => {
    const row = this.lineOfRecordAt(context.empty_lines);
    this.linesDone += 1 + lineBreaks(fields);
    const { header, table } = this;
    if (header === undefined || table === undefined) {
      this.header = readHeader(this.fn, fields, this.opts, { file: this.file, row });
      this.table = new GrowingTable(this.header.featureIndices.length);
      return null;
    }
    const { columns, featureIndices, targetIndex } = header;
    if (fields.length !== columns.length) {
      const loc = { file: this.file, row };
      throw new DatasetError(
        'ragged-row',
        MESSAGES.raggedRow(this.fn, loc, fields.length, columns.length),
        loc,
      );
    }
    const label = targetIndex < 0 ? '' : (fields[targetIndex] as string).trim();
    if (label === '' && targetIndex >= 0) throw this.cellError('empty', '', row, targetIndex);
    const at = table.addRow(label);
    const features = table.features;
    for (let k = 0; k < featureIndices.length; k++) {
      const c = featureIndices[k] as number;
      const cell = parseCell(fields[c] as string);
      if (typeof cell !== 'number') throw this.cellError(cell, fields[c] as string, row, c);
      features[at + k] = cell;
    }
    return null;
  };

  /** An error out of csv-parse (or thrown by `onRecord`) as a `DatasetError` at the record being read. */
  toDatasetError(error: unknown): unknown {
    if (!(error instanceof CsvError)) return error;
    const raw = error as CsvError & { empty_lines?: number; column?: unknown };
    const loc: DatasetErrorLocation = { file: this.file, row: this.lineOfRecordAt(raw.empty_lines ?? 0) };
    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new DatasetError('unterminated-quote', MESSAGES.unterminatedQuote(this.fn, loc), loc);
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return new DatasetError('text-after-quote', MESSAGES.textAfterQuote(this.fn, loc), loc);
      case 'CSV_MAX_RECORD_SIZE':
        return new DatasetError(
          'record-too-long',
          MESSAGES.recordTooLong(this.fn, loc, MAX_RECORD_BYTES),
          loc,
        );
      default:
        return new DatasetError(
          'malformed-csv',
          MESSAGES.malformedCsv(this.fn, loc, String(error.code)),
          loc,
        );
    }
  }

  /** After the last record: the `Dataset`, or the error for an empty file, no rows, one class, a constant column. */
  finish(): Dataset {
    const { header, table } = this.finishTable();
    return buildCsvDataset(this.fn, header, table, this.file);
  }

  /**
   * After the last record: the header and the rows read, or the error for an empty file or no data rows — the
   * rules every CSV table shares; `finish` adds the class and constant-column rules of a `Dataset`.
   */
  finishTable(): { header: CsvHeader; table: CsvTable } {
    const file = this.file;
    if (this.header === undefined || this.table === undefined) {
      throw new DatasetError('empty-file', MESSAGES.emptyFile(this.fn, { file }), { file });
    }
    if (this.table.rows === 0) {
      throw new DatasetError('no-data-rows', MESSAGES.noDataRows(this.fn, { file }), { file });
    }
    return { header: this.header, table: this.table.finish() };
  }

  private lineOfRecordAt(blankLinesSkipped: number): number {
    return 1 + this.linesDone + blankLinesSkipped;
  }

  private cellError(kind: CellProblem, raw: string, row: number, index: number): DatasetError {
    const loc = { file: this.file, row, column: (this.header as CsvHeader).columns[index] as string };
    const value = raw.trim();
    const fn = this.fn;
    switch (kind) {
      case 'empty':
        return new DatasetError('empty-cell', MESSAGES.emptyCell(fn, loc), loc);
      case 'non-finite':
        return new DatasetError('non-finite', MESSAGES.nonFinite(fn, loc, value), loc);
      case 'float32-overflow':
        return new DatasetError('float32-overflow', MESSAGES.float32Overflow(fn, loc, value), loc);
      case 'float32-underflow':
        return new DatasetError('float32-underflow', MESSAGES.float32Underflow(fn, loc, value), loc);
      case 'non-numeric':
        return new DatasetError('non-numeric', MESSAGES.nonNumeric(fn, loc, value), loc);
    }
  }
}

/** Line breaks inside a record's (quoted) fields, counting CRLF once. */
function lineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const f of fields) {
    if (f.indexOf('\n') < 0 && f.indexOf('\r') < 0) continue;
    for (let k = 0; k < f.length; k++) {
      const c = f.charCodeAt(k);
      if (c === 10 || (c === 13 && f.charCodeAt(k + 1) !== 10)) count++;
    }
  }
  return count;
}
