import { CsvError, normalize_options } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { DatasetError, type DatasetErrorCode } from '../dataset-error.js';
import { resolveCsvOptions } from './csv-options.js';
import { CsvRecordConsumer } from './csv-record-consumer.js';

const consumer = () =>
  new CsvRecordConsumer('parseCsv', resolveCsvOptions({ target: 'y' }, 'parseCsv'), 'f.csv');
const record = (c: CsvRecordConsumer, fields: string[], emptyLines = 0) =>
  c.onRecord(fields, { empty_lines: emptyLines } as Parameters<CsvRecordConsumer['onRecord']>[1]);

describe('CsvRecordConsumer', () => {
  it('stores nothing of a record but its cells, and returns null so csv-parse keeps nothing', () => {
    const c = consumer();
    expect(record(c, ['a', 'y'])).toBeNull();
    expect(record(c, ['1', 'p'])).toBeNull();
    expect(record(c, ['2', 'q'], 3)).toBeNull();
    const ds = c.finish();
    expect(Array.from(ds.features)).toEqual([1, 2]);
    expect(ds.classNames).toEqual(['p', 'q']);
  });

  it('numbers lines from records, their inner line breaks and the blank lines csv-parse skipped', () => {
    const c = consumer();
    record(c, ['a', 'y']); // line 1
    record(c, ['1', 'two\r\nlines'], 2); // lines 4-5 (2 blank lines before)
    record(c, ['2', 'x\ry\nz'], 2); // lines 6-8
    const e = (() => {
      try {
        record(c, ['?', 'w'], 3); // one more blank line: line 10
      } catch (error) {
        return error as DatasetError;
      }
    })();
    expect(e).toMatchObject({ code: 'non-numeric', row: 10, column: 'a' });
  });

  // A record on line 2 holds `note`; the next record (a bad cell) starts 1 + its line breaks lines later.
  it.each<[string, string, number]>([
    ['no line break', 'x y', 3],
    ['an LF inside', 'x\ny', 4],
    ['a lone CR inside', 'x\ry', 4],
    ['a CRLF inside (one line break)', 'x\r\ny', 4],
    ['a field that starts with LF', '\nx', 4],
    ['a field that starts with CR', '\rx', 4],
    ['a field that starts with CRLF', '\r\nx', 4],
    ['a field that ends with CR', 'x\r', 4],
    ['CR, LF, CRLF and CR: four line breaks', '\rx\ny\r\nz\r', 7],
  ])('counts the line breaks of a field with %s', (_, note, row) => {
    const c = consumer();
    record(c, ['a', 'y']);
    record(c, ['1', note]);
    expect(() => record(c, ['?', 'w'])).toThrow(
      `parseCsv: "f.csv", line ${row}, column "a": "?" is not a number; feature columns must be numeric ` +
        '(leave text columns out with options.features)',
    );
  });

  it('counts the line breaks of every field of a record', () => {
    const c = consumer();
    record(c, ['a', 'y']);
    record(c, ['\r1', '\nx']); // lines 2-4 (the feature cell is trimmed, its CR still a line break)
    let error: unknown;
    try {
      record(c, ['?', 'w']);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'non-numeric', row: 5, column: 'a' });
  });

  it.each<[string, DatasetErrorCode, string]>([
    ['CSV_QUOTE_NOT_CLOSED', 'unterminated-quote', 'a quoted field opened here is never closed'],
    ['CSV_INVALID_CLOSING_QUOTE', 'text-after-quote', 'text follows a closing quote'],
    ['CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', 'text-after-quote', 'text follows a closing quote'],
    ['CSV_MAX_RECORD_SIZE', 'record-too-long', 'a record longer than 8.0 MiB'],
    ['INVALID_OPENING_QUOTE', 'malformed-csv', 'the CSV parser stopped (INVALID_OPENING_QUOTE)'],
  ])('maps csv-parse %s to %s at the record being read, without its message', (parserCode, code, phrase) => {
    const c = consumer();
    record(c, ['a', 'y']);
    const secret = 'field value "root:x:0:0"';
    const error = new CsvError(parserCode as CsvError['code'], secret, normalize_options({}), {
      empty_lines: 1,
    });
    const mapped = c.toDatasetError(error) as DatasetError;
    expect(mapped).toBeInstanceOf(DatasetError);
    expect(mapped).toMatchObject({ code, file: 'f.csv', row: 3 });
    expect(mapped.message).toContain(`parseCsv: "f.csv", line 3: ${phrase}`);
    expect(mapped.message).not.toContain('root');
  });

  it('passes any other error through unchanged', () => {
    const other = new RangeError('x');
    expect(consumer().toDatasetError(other)).toBe(other);
  });
});
