import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { parseCsv } from './parse-csv.js';

const TEXT = 'a,b,y\n5,1,p\n7,2,q\n7,3,p\n';
const POLICY = 'no rows dropped: an empty, NaN or Infinity cell in a used column is an error, never imputed';

describe('buildCsvDataset (through parseCsv)', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'csv'],
    ['birds.csv', 'birds'],
    ['data.v2.csv', 'data.v2'],
    ['data/2024.01/birds.tsv', 'birds'],
    ['C:\\Users\\me\\birds.csv', 'birds'],
    ['archive.tar.gz', 'archive.tar'],
    ['noext', 'noext'],
    ['dir/.csv', 'csv'],
    ['.csv', 'csv'],
  ])('names the dataset after the file: %s → %s', (fileName, name) => {
    expect(parseCsv(TEXT, { target: 'y', ...(fileName === undefined ? {} : { fileName }) }).name).toBe(name);
  });

  it('describes a dataset from text, whole', () => {
    const ds = parseCsv(TEXT, { target: 'y' });
    expect(ds).toMatchObject({
      shape: [3, 2],
      featureNames: ['a', 'b'],
      targetName: 'y',
      classNames: ['p', 'q'],
      description: '3 rows × 2 numeric features from CSV text; target "y" with 2 classes.',
      source: 'CSV text passed to parseCsv',
      license: 'unknown (user data)',
    });
    expect(ds.missing).toEqual({ rowsInSource: 3, rowsDropped: 0, policy: POLICY });
  });

  it('describes a dataset from a file, whole, with the path escaped', () => {
    const ds = parseCsv(TEXT, { target: 'y', features: ['b'], fileName: 'in\n/birds.csv' });
    expect(ds).toMatchObject({
      name: 'birds',
      shape: [3, 1],
      description: '3 rows × 1 numeric features from "in\\n/birds.csv"; target "y" with 2 classes.',
      source: 'CSV file in\\n/birds.csv',
    });
    expect(ds.missing).toEqual({ rowsInSource: 3, rowsDropped: 0, policy: POLICY });
  });

  it('a first column constant from row 2 on is not constant; the check looks at every column and stops there', () => {
    const ds = parseCsv('a,b,y\n5,1,p\n7,1.5,q\n7,2,p\n7,3,q\n', { target: 'y' });
    expect(Array.from(ds.features)).toEqual([5, 1, 7, 1.5, 7, 2, 7, 3]);
    let error: unknown;
    try {
      parseCsv('a,b,y\n5,1,p\n7,1,q\n8,1,p\n', { target: 'y', fileName: 'data.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({
      code: 'constant-feature',
      column: 'b',
      message:
        'parseCsv: "data.csv", column "b" has the same value 1 in all 3 rows; a constant feature carries no ' +
        'information and cannot be standardized; leave it out with options.features',
    });
  });
});
