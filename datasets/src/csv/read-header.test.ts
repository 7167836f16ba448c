import { describe, expect, it } from 'vitest';
import type { DatasetErrorCode } from '../dataset-error.js';
import { caught } from '../test-caught.js';
import { resolveCsvOptions } from './csv-options.js';
import { readHeader } from './read-header.js';

const LOC = { file: 'data.csv', row: 1 };
const header = (fields: string[], target = 'y', features?: string[]) =>
  readHeader(
    'parseCsv',
    fields,
    resolveCsvOptions({ target, ...(features ? { features } : {}) }, 'parseCsv'),
    LOC,
  );

describe('readHeader', () => {
  it('resolves the target and the features (default: every other column, in file order)', () => {
    expect(header(['a', 'y', 'b'])).toEqual({
      columns: ['a', 'y', 'b'],
      targetIndex: 1,
      featureIndices: [0, 2],
    });
    expect(header(['a', 'y', 'b'], 'y', ['b', 'a'])).toEqual({
      columns: ['a', 'y', 'b'],
      targetIndex: 1,
      featureIndices: [2, 0],
    });
  });

  it('trims the header names (a quoted name keeps its spaces until here)', () => {
    expect(header([' a ', ' y ', '\tb'], 'y', ['a'])).toEqual({
      columns: ['a', 'y', 'b'],
      targetIndex: 1,
      featureIndices: [0],
    });
  });

  it.each<[string, () => unknown, DatasetErrorCode, string, string | undefined]>([
    [
      'a feature that is not a column',
      () => header(['a', 'b', 'y'], 'y', ['a', 'c']),
      'unknown-feature',
      'parseCsv: "data.csv", line 1: options.features names "c", which is not a column; the columns are "a", "b", "y"',
      'c',
    ],
    [
      'the target listed as a feature',
      () => header(['a', 'b', 'y'], 'y', ['a', 'y']),
      'target-is-feature',
      'parseCsv: "data.csv", line 1, column "y" is both options.target and one of options.features; ' +
        'a column cannot predict itself',
      'y',
    ],
    [
      'no column besides the target',
      () => header(['y']),
      'no-features',
      'parseCsv: "data.csv", line 1: no feature columns are left besides the target; ' +
        'pass options.features or add columns',
      undefined,
    ],
    [
      'an empty features list',
      () => header(['a', 'y'], 'y', []),
      'no-features',
      'parseCsv: "data.csv", line 1: no feature columns are left besides the target; ' +
        'pass options.features or add columns',
      undefined,
    ],
    [
      'a feature named twice',
      () => header(['a', 'b', 'y'], 'y', ['a', 'b', 'a']),
      'invalid-argument',
      'parseCsv: options.features must be distinct column names, got ""a" twice"',
      undefined,
    ],
    [
      'a feature named twice, next to each other',
      () => header(['a', 'b', 'y'], 'y', ['b', 'a', 'a']),
      'invalid-argument',
      'parseCsv: options.features must be distinct column names, got ""a" twice"',
      undefined,
    ],
    [
      'a target that is not a column',
      () => header(['a', 'b', 'label'], 'species'),
      'unknown-target',
      'parseCsv: "data.csv", line 1: options.target "species" is not a column; the columns are "a", "b", "label"',
      'species',
    ],
    [
      'a header cell without a name',
      () => header(['a', ' ', 'y']),
      'empty-header-cell',
      'parseCsv: "data.csv", line 1: header column 2 has no name; every column needs one',
      undefined,
    ],
    [
      'a numeric header cell',
      () => header(['a', '5.1', 'y']),
      'no-header',
      'parseCsv: "data.csv", line 1: header column 2 is the number "5.1", so the first line looks like data, ' +
        'not a header; add a first line naming the columns, e.g. "x1,x2,label"',
      undefined,
    ],
    [
      'a header cell over the float32 maximum',
      () => header(['a', '1e39', 'y']),
      'no-header',
      'parseCsv: "data.csv", line 1: header column 2 is the number "1e39", so the first line looks like data, ' +
        'not a header; add a first line naming the columns, e.g. "x1,x2,label"',
      undefined,
    ],
    [
      'a header cell under the smallest normal float32',
      () => header(['1e-40', 'a', 'y']),
      'no-header',
      'parseCsv: "data.csv", line 1: header column 1 is the number "1e-40", so the first line looks like data, ' +
        'not a header; add a first line naming the columns, e.g. "x1,x2,label"',
      undefined,
    ],
    [
      'a column named twice (after trimming)',
      () => header(['a', 'b', ' a', 'y']),
      'duplicate-column',
      'parseCsv: "data.csv", line 1, column "a" is named twice in the header (columns 1 and 3); rename one of them',
      'a',
    ],
  ])('%s', (_, call, code, message, column) => {
    const error = caught(call);
    expect(error).toMatchObject({ code, message });
    expect(error.column).toBe(column);
  });

  it('text in a header cell that only looks numeric is a name', () => {
    expect(header(['NaN', 'inf', 'x1', 'y']).columns).toEqual(['NaN', 'inf', 'x1', 'y']);
  });
});
