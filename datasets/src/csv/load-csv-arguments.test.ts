import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { loadCsv } from './load-csv.js';

const bad = (value: unknown) => value as never;

describe('loadCsv: arguments, checked before any file is opened', () => {
  it.each<[string, unknown, unknown, string]>([
    ['an empty path', '', { target: 'y' }, 'loadCsv: path must be a file path, got ""'],
    ['a number as path', 42, { target: 'y' }, 'loadCsv: path must be a file path, got 42'],
    ['no path', undefined, { target: 'y' }, 'loadCsv: path must be a file path, got undefined'],
    [
      'a URL object as path',
      new URL('file:///tmp/x.csv'),
      { target: 'y' },
      'loadCsv: path must be a file path, got file:///tmp/x.csv',
    ],
    // The path is checked first, then the options; a missing file is never reached.
    ['an empty path and bad options', '', null, 'loadCsv: path must be a file path, got ""'],
    [
      'bad options for a missing file',
      '/nonexistent/x.csv',
      null,
      'loadCsv: options must be an object, got null',
    ],
  ])('%s', async (_, path, options, message) => {
    const error = await loadCsv(bad(path), bad(options)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ code: 'invalid-argument', message });
  });
});
