import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, type DatasetErrorCode } from '../dataset-error.js';
import { loadCsv } from './load-csv.js';
import { parseCsv } from './parse-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-csv-empty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error of both entry points on `content`, each with its own file name. */
async function bothErrors(content: string): Promise<[DatasetError, string][]> {
  const path = join(dir, 'in.csv');
  writeFileSync(path, content);
  const out: [DatasetError, string][] = [];
  for (const [call, file] of [
    [async () => parseCsv(content, { target: 'y', fileName: 'text.csv' }), 'text.csv'],
    [() => loadCsv(path, { target: 'y' }), path],
  ] as const) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    out.push([error as DatasetError, file]);
  }
  return out;
}

describe('parseCsv and loadCsv: nothing to read', () => {
  it.each<[string, string, DatasetErrorCode, (fn: string, file: string) => string]>([
    [
      'an empty file',
      '',
      'empty-file',
      (fn, file) =>
        `${fn}: "${file}" is empty; a CSV needs a header line naming the columns and at least one data row`,
    ],
    [
      'only a BOM and blank lines',
      '\uFEFF\n \r\n\t\n',
      'empty-file',
      (fn, file) =>
        `${fn}: "${file}" is empty; a CSV needs a header line naming the columns and at least one data row`,
    ],
    [
      'a header only',
      'a,y\n',
      'no-data-rows',
      (fn, file) => `${fn}: "${file}" has a header but no data rows`,
    ],
    [
      'a header and blank lines',
      'a,y\n\n  \n',
      'no-data-rows',
      (fn, file) => `${fn}: "${file}" has a header but no data rows`,
    ],
  ])('%s', async (_, content, code, message) => {
    const [fromText, fromFile] = await bothErrors(content);
    for (const [[error, file], fn] of [
      [fromText!, 'parseCsv'],
      [fromFile!, 'loadCsv'],
    ] as const) {
      expect(error).toMatchObject({ code, file, message: message(fn, file) });
      expect(error.row).toBeUndefined();
    }
  });
});
