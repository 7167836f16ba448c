import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandError } from '../errors.js';
import { readBackgroundCsv, STAND_IN_LABEL, withStandInLabels } from './read-background.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-background-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const read = (path: string) => readBackgroundCsv(path, 'y', ['b', 'a'], 4 << 20);

describe('withStandInLabels', () => {
  it('appends a label to every non-empty line and keeps line ends and blank lines (so line numbers hold)', () => {
    expect(withStandInLabels('a,b\r\n1,2\n\n3,4\r5,6\n')).toBe(
      `a,b,${STAND_IN_LABEL}\r\n1,2,a\n\n3,4,b\r5,6,a\n`,
    );
    expect(withStandInLabels('a\n1')).toBe(`a,${STAND_IN_LABEL}\n1,a`);
  });
});

describe('readBackgroundCsv', () => {
  it('reads the feature columns by name, in the order asked, with or without the target column', async () => {
    const expected = Float32Array.of(2, 1, 4, 3, 6.5, 5);
    expect(await read(file('with.csv', 'a,b,y\n1,2,p\n3,4,q\n5,6.5,p\n'))).toEqual(expected);
    expect(await read(file('without.csv', 'id,a,b\n0,1,2\n1,3,4\n2,5,6.5\n'))).toEqual(expected);
    // One class in the target column is no reason to refuse a background.
    expect(await read(file('one-class.csv', 'a,b,y\n1,2,p\n3,4,p\n5,6.5,p\n'))).toEqual(expected);
  });

  it.each([
    [
      'one row',
      'a,b\n1,2\n',
      (p: string) =>
        `--background '${p}' holds 1 data row: the CSV loader refuses a column with one value in every row, so give at least 2 different rows (or use --background-size N).`,
    ],
    [
      'quotes and no target',
      'a,b\n"1",2\n3,4\n',
      (p: string) =>
        `--background '${p}' has no column 'y' and uses quoted fields; add a 'y' column (any labels) so that it can be read with the CSV rules.`,
    ],
    [
      'not UTF-8 past the first chunk',
      'a,b\n1,2\n',
      (p: string) =>
        `--background '${p}' is not UTF-8 text; save it as UTF-8 (the encoding --csv files use).`,
    ],
  ])('refuses %s with a CommandError naming the file', async (name, text, message) => {
    const path = join(dir, `${name}.csv`);
    // Past the loader's first 1 MiB chunk: it stops at the header (no target column) before it sees the bad byte.
    const padded = `${text}${'1,2\n'.repeat(300_000)}\xff,4\n`;
    writeFileSync(path, name.startsWith('not UTF-8') ? Buffer.from(padded, 'latin1') : text);
    const error = await read(path).catch((e: unknown) => e);
    expect(error, String(error)).toBeInstanceOf(CommandError);
    expect((error as Error).message).toBe(message(path));
  });

  it("keeps the loader's own errors (a missing column, a bad cell) with the file and line", async () => {
    await expect(read(file('missing.csv', 'a,c\n1,2\n3,4\n'))).rejects.toThrow(/"b", which is not a column/);
    await expect(read(file('bad-cell.csv', 'a,b\n1,2\n3,x\n'))).rejects.toThrow(/bad-cell\.csv.*line 3/);
  });
});
