import { describe, expect, it } from 'vitest';
import type { DatasetErrorCode } from '../dataset-error.js';
import { caught } from '../test-caught.js';
import { parseCsv } from './parse-csv.js';

const TEXT = 'a,y\n1,0\n2,1\n'; // 12 bytes
const bad = (value: unknown) => value as never;

describe('parseCsv: arguments and the size cap', () => {
  it.each<[string, () => unknown, DatasetErrorCode, string, string | undefined]>([
    [
      'options null',
      () => parseCsv(TEXT, bad(null)),
      'invalid-argument',
      'parseCsv: options must be an object, got null',
      undefined,
    ],
    [
      'options.fileName not a string',
      () => parseCsv(TEXT, bad({ target: 'y', fileName: 42 })),
      'invalid-argument',
      'parseCsv: options.fileName must be a string, got 42',
      undefined,
    ],
    [
      'text not a string (its type is named)',
      () => parseCsv(bad(Buffer.from(TEXT)), { target: 'y' }),
      'invalid-argument',
      'parseCsv: text must be a string, got "object"',
      undefined,
    ],
    [
      'text undefined',
      () => parseCsv(bad(undefined), { target: 'y' }),
      'invalid-argument',
      'parseCsv: text must be a string, got "undefined"',
      undefined,
    ],
    [
      'text one byte over maxBytes, with a file name',
      () => parseCsv(TEXT, { target: 'y', maxBytes: 11, fileName: 'data.csv' }),
      'file-too-large',
      'parseCsv: "data.csv" is 12 bytes (0.0 MiB), over the limit of 11 bytes (0.0 MiB); ' +
        'raise options.maxBytes if you really mean to load it',
      'data.csv',
    ],
    [
      // "é" is 2 bytes in UTF-8: 13 bytes in 12 characters.
      'text over maxBytes in UTF-8 bytes, not characters',
      () => parseCsv('a,y\n1,é\n2,1\n', { target: 'y', maxBytes: 12 }),
      'file-too-large',
      'parseCsv: "CSV text" is 13 bytes (0.0 MiB), over the limit of 12 bytes (0.0 MiB); ' +
        'raise options.maxBytes if you really mean to load it',
      undefined,
    ],
  ])('%s', (_, call, code, message, file) => {
    const error = caught(call);
    expect(error).toMatchObject({ code, message });
    expect(error.file).toBe(file);
  });

  it('accepts text of exactly maxBytes bytes', () => {
    expect(parseCsv(TEXT, { target: 'y', maxBytes: 12 }).shape).toEqual([2, 1]);
    expect(parseCsv('a,y\n1,é\n2,1\n', { target: 'y', maxBytes: 13 }).classNames).toEqual(['1', 'é']);
  });
});
