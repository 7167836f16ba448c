import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '@openbox/datasets';
import { readBackgroundCsv } from './read-background.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-background-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const read = (path: string, maxBytes = 4 << 20) => readBackgroundCsv(path, ['b', 'a'], maxBytes);

describe('readBackgroundCsv', () => {
  it('reads the feature columns by name, in the order asked, with or without a target column', async () => {
    const expected = Float32Array.of(2, 1, 4, 3, 6.5, 5);
    expect(await read(file('with.csv', 'a,b,y\n1,2,p\n3,4,q\n5,6.5,p\n'))).toEqual(expected);
    expect(await read(file('without.csv', 'id,a,b\n0,1,2\n1,3,4\n2,5,6.5\n'))).toEqual(expected);
    // One class in a target column is no reason to refuse a background.
    expect(await read(file('one-class.csv', 'a,b,y\n1,2,p\n3,4,p\n5,6.5,p\n'))).toEqual(expected);
  });

  it('quoted fields, one row and a constant column are a background', async () => {
    expect(await read(file('quoted.csv', '"id","a","b"\n"x, ""y""","1","2"\n'))).toEqual(
      Float32Array.of(2, 1),
    );
    expect(await read(file('constant.csv', 'a,b\n1,2\n1,3\n'))).toEqual(Float32Array.of(2, 1, 3, 1));
  });

  it.each<[string, string | Uint8Array, RegExp]>([
    [
      'a missing column',
      'a,c\n1,2\n3,4\n',
      /^, line 1: options\.features names "b", which is not a column; the columns are "a", "c"$/,
    ],
    ['a bad cell', 'a,b\n1,2\n3,x\n', /^, line 3, column "b": "x" is not a number/],
    ['an empty cell', 'a,b\n1,2\n3,\n', /^, line 3, column "b" is empty/],
    ['no data rows', 'a,b\n', /^ has a header but no data rows$/],
    [
      'not UTF-8 past the first chunk',
      Buffer.from(`a,b\n${'1,2\n'.repeat(300_000)}\xff,4\n`, 'latin1'),
      /^, line 300002 is not valid UTF-8 text/,
    ],
  ])("%s: the loader's own error, with the file and line", async (name, text, message) => {
    const path = file(`${name}.csv`, text);
    const error = await read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const prefix = `loadFeatureCsv: "${path}"`;
    expect((error as Error).message.startsWith(prefix)).toBe(true);
    expect((error as Error).message.slice(prefix.length)).toMatch(message);
  });

  it('maxBytes caps the file', async () => {
    const path = file('capped.csv', 'a,b\n1,2\n');
    await expect(read(path, 7)).rejects.toThrow(/is 8 bytes, over the limit of 7 bytes/);
    expect(await read(path, 8)).toEqual(Float32Array.of(2, 1));
  });
});
