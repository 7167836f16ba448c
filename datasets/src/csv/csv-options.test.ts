import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { DEFAULT_MAX_BYTES, resolveCsvOptions } from './csv-options.js';

const bad = (value: unknown) => value as never;

describe('resolveCsvOptions', () => {
  it('fills the defaults and trims the target and feature names', () => {
    expect(resolveCsvOptions({ target: 'y' }, 'parseCsv')).toEqual({
      target: 'y',
      features: undefined,
      maxBytes: 1024 * 1024 * 1024,
    });
    expect(DEFAULT_MAX_BYTES).toBe(1024 * 1024 * 1024);
    expect(resolveCsvOptions({ target: ' y\t', features: [' a', 'b '], maxBytes: 1 }, 'parseCsv')).toEqual({
      target: 'y',
      features: ['a', 'b'],
      maxBytes: 1,
    });
    expect(resolveCsvOptions({ target: 'y', features: [] }, 'parseCsv').features).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['options null', null, 'loadCsv: options must be an object, got null'],
    ['options undefined', undefined, 'loadCsv: options must be an object, got undefined'],
    ['options a string', 'y', 'loadCsv: options must be an object, got "y"'],
    ['options a number', 3, 'loadCsv: options must be an object, got 3'],
    ['target missing', {}, 'loadCsv: options.target must be a column name, got undefined'],
    ['target not a string', { target: 2 }, 'loadCsv: options.target must be a column name, got 2'],
    ['target empty', { target: '' }, 'loadCsv: options.target must be a column name, got ""'],
    ['target blank', { target: ' \t' }, 'loadCsv: options.target must be a column name, got " \\t"'],
    [
      'maxBytes 0',
      { target: 'y', maxBytes: 0 },
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got 0',
    ],
    [
      'maxBytes negative',
      { target: 'y', maxBytes: -5 },
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got -5',
    ],
    [
      'maxBytes not whole',
      { target: 'y', maxBytes: 0.5 },
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got 0.5',
    ],
    [
      'maxBytes past 2^53',
      { target: 'y', maxBytes: 2 ** 53 },
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got 9007199254740992',
    ],
    [
      'maxBytes a string',
      { target: 'y', maxBytes: '10' },
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got "10"',
    ],
    [
      'features a string',
      { target: 'y', features: 'a' },
      'loadCsv: options.features must be an array of column names, got "a"',
    ],
    [
      'features null',
      { target: 'y', features: null },
      'loadCsv: options.features must be an array of column names, got null',
    ],
    [
      'features holding a number after a name',
      { target: 'y', features: ['a', 1] },
      'loadCsv: options.features must be an array of column names, got a,1',
    ],
    [
      'features holding only a number',
      { target: 'y', features: [1] },
      'loadCsv: options.features must be an array of column names, got 1',
    ],
  ])('%s', (_, options, message) => {
    let error: unknown;
    try {
      resolveCsvOptions(bad(options), 'loadCsv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ code: 'invalid-argument', message });
  });
});
