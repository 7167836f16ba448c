import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { loadCsv } from './load-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

function caught(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('loadCsv', () => {
  it('loads a file and names the dataset after it', () => {
    const path = file('birds.csv', '\uFEFFwing,mass,kind\r\n1.5,20,a\r\n2.5,30,b\r\n3,25,a\r\n');
    const ds = loadCsv(path, { target: 'kind' });
    expect(ds.name).toBe('birds');
    expect(ds.shape).toEqual([3, 2]);
    expect(ds.source).toBe(`CSV file ${path}`);
  });

  it('a missing file', () => {
    const path = join(dir, 'nope.csv');
    const e = caught(() => loadCsv(path, { target: 'y' }));
    expect(e.message).toMatch(
      new RegExp(`^loadCsv: no file at "${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
    );
    expect(e).toMatchObject({ code: 'missing-file', file: path });
  });

  it('a directory instead of a file', () => {
    const e = caught(() => loadCsv(dir, { target: 'y' }));
    expect(e.message).toBe(`loadCsv: "${dir}" is a directory, not a file; pass the path of a CSV file`);
  });

  it('a file over the size limit is refused before reading', () => {
    const path = file('big.csv', 'a,y\n' + '1,0\n'.repeat(300));
    const e = caught(() => loadCsv(path, { target: 'y', maxBytes: 1024 }));
    expect(e.message).toMatch(
      /big\.csv" is 1204 bytes \(0\.0 MiB\), over the limit of 1024 bytes \(0\.0 MiB\); raise options\.maxBytes/,
    );
    expect(e.code).toBe('file-too-large');
  });

  it('a non-UTF-8 file names the first bad line', () => {
    const latin1 = Buffer.from('name,y\nabc,0\ncaf\xe9,1\n', 'latin1');
    const e = caught(() => loadCsv(file('latin1.csv', latin1), { target: 'y' }));
    expect(e.message).toMatch(/latin1\.csv", line 3 is not valid UTF-8 text; save the file as UTF-8/);
    expect(e).toMatchObject({ code: 'not-utf8', row: 3 });
  });

  it('an empty file', () => {
    expect(caught(() => loadCsv(file('empty.csv', ''), { target: 'y' })).message).toMatch(
      /^loadCsv: ".*empty\.csv" is empty; a CSV needs a header line/,
    );
  });

  it('a bad cell is reported with the file path, line and column', () => {
    const path = file('bad.csv', 'a,b,y\n1,2,0\n3,?,1\n');
    const e = caught(() => loadCsv(path, { target: 'y' }));
    expect(e.message).toBe(
      `loadCsv: "${path}", line 3, column "b": "?" is not a number; feature columns must be numeric ` +
        '(leave text columns out with options.features)',
    );
    expect(e).toMatchObject({ file: path, row: 3, column: 'b' });
  });
});
