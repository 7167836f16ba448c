import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { loadCsv } from './load-csv.js';
import { loadFeatureCsv } from './load-feature-csv.js';
import { parseFeatureCsv } from './parse-feature-csv.js';

const FN = 'loadFeatureCsv';
const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'openbox-feature-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const load = (path: string, features: readonly string[] = ['b', 'a'], maxBytes?: number) =>
  loadFeatureCsv(path, { features, ...(maxBytes === undefined ? {} : { maxBytes }) });

/** Awaits `promise`, expects it to reject with a DatasetError and returns it. */
async function rejected(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}
/** Open file descriptors of this process (Linux). */
const openFds = (): number => readdirSync('/proc/self/fd').length;

describe('loadFeatureCsv', () => {
  it('reads the named columns of a file, quoted fields and all, without a target; equals parseFeatureCsv', async () => {
    const text = '\uFEFFid,"a","b"\r\n"r,1","1.5","2"\r\n"r\n2",3,4\r\n';
    const t = await load(file('quoted.csv', text));
    expect(t.shape).toEqual([2, 2]);
    expect(t.featureNames).toEqual(['b', 'a']);
    expect(Array.from(t.features)).toEqual([2, 1.5, 4, 3]);
    expect(t.missing).toMatchObject({ rowsInSource: 2, rowsDropped: 0 });
    expect(t).toEqual(parseFeatureCsv(text, { features: ['b', 'a'] }));
  });

  it('one row, and a constant column, are a table (loadCsv refuses both)', async () => {
    const one = file('one.csv', 'a,b,y\n1,2,u\n');
    expect(Array.from((await load(one)).features)).toEqual([2, 1]);
    expect((await rejected(loadCsv(one, { target: 'y' }))).code).toBe('one-class');
    const constant = file('constant.csv', 'a,b\n5,1\n5,2\n5,3\n');
    expect(Array.from((await load(constant, ['a'])).features)).toEqual([5, 5, 5]);
  });

  it('rows past the first 1 MiB chunk (and a growing table) are all read, in order', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `${i},${i % 7}.5,${'x'.repeat(i % 3)}\n`);
    const path = file('big.csv', `a,b,note\n${rows.join('')}`);
    const t = await load(path, ['a', 'b']);
    expect(t.shape).toEqual([120_000, 2]);
    expect([t.features[2 * 119_999], t.features[2 * 119_999 + 1]]).toEqual([119_999, (119_999 % 7) + 0.5]);
  });

  it('a missing column names the columns that exist, with the file and line', async () => {
    const path = file('other.csv', 'p,q,r\n1,2,3\n');
    const e = await rejected(load(path, ['a']));
    expect(e.message).toBe(
      `${FN}: "${path}", line 1: options.features names "a", which is not a column; the columns are "p", "q", "r"`,
    );
    expect(e).toMatchObject({ code: 'unknown-feature', file: path, row: 1, column: 'a' });
  });

  it.each<[string, string, string, number, string]>([
    ['an empty cell', 'a,b\n1,2\n,4\n', 'empty-cell', 3, 'a'],
    ['NaN', 'a,b\n1,2\n3,NaN\n', 'non-finite', 3, 'b'],
    ['float32 overflow', 'a,b\n1,2\n\n-4e38,4\n', 'float32-overflow', 4, 'a'],
  ])(
    '%s is an error naming the file, line and column (no row dropped)',
    async (_, text, code, row, column) => {
      const path = file('cell.csv', text);
      const e = await rejected(load(path));
      expect(e).toMatchObject({ code, file: path, row, column });
      expect(e.message.startsWith(`${FN}: "${path}", line ${row}, column "${column}"`)).toBe(true);
    },
  );

  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  symlinkSync('/dev/zero', join(dir, 'zero.csv'));
  it.each<[string, string, string]>([
    ['/dev/zero', '/dev/zero', 'is a character device, not a regular file'],
    ['a FIFO', fifo, 'is a named pipe (FIFO), not a regular file'],
    ['a link to /dev/zero', join(dir, 'zero.csv'), 'is a character device, not a regular file'],
  ])('%s is refused at once, not read', async (_, path, phrase) => {
    const started = performance.now();
    const e = await rejected(load(path));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe(`${FN}: CSV file "${path}" ${phrase}; only regular files are read.`);
    expect(e).toMatchObject({ code: 'not-a-regular-file', file: path });
  });

  it('a file over maxBytes is refused before reading; maxBytes raises the cap', async () => {
    const path = file('capped.csv', `a,b\n${'1,2\n'.repeat(300)}`);
    const e = await rejected(load(path, ['a'], 1000));
    expect(e.message).toBe(
      `${FN}: CSV file "${path}" is 1204 bytes, over the limit of 1000 bytes; raise it with maxBytes / --max-bytes.`,
    );
    expect(e.code).toBe('file-too-large');
    expect((await load(path, ['a'], 1204)).shape).toEqual([300, 1]);
  });

  it('not UTF-8 past the first chunk names its line; a missing file; a bad path', async () => {
    const latin1 = Buffer.from(`a,b\n${'1,2\n'.repeat(300_000)}\xe9,4\n`, 'latin1');
    expect(latin1.length).toBeGreaterThan(MIB);
    expect(await rejected(load(file('latin1.csv', latin1)))).toMatchObject({
      code: 'not-utf8',
      row: 300_002,
    });
    const missing = join(dir, 'nope.csv');
    expect((await rejected(load(missing))).message).toBe(`${FN}: CSV file "${missing}" does not exist.`);
    expect((await rejected(load(''))).message).toBe(`${FN}: path must be a file path, got ""`);
  });

  it('closes the file on every error path', async () => {
    const before = openFds();
    for (const content of ['a,b\n1,?\n', 'a,b\n1,"x\n', 'a,b\n', 'p,q\n1,2\n', '']) {
      await rejected(load(file('fd.csv', content)));
    }
    await rejected(load(file('fd-latin1.csv', Buffer.from('a,b\n\xe9,1\n', 'latin1'))));
    expect(openFds()).toBe(before);
  });
});
