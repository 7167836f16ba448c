import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilesAtomic } from './write-files.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-write-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFilesAtomic', () => {
  it('writes every file into a new folder', async () => {
    const out = join(dir, 'a', 'b');
    await writeFilesAtomic(out, [
      { name: 'x.json', bytes: '{}' },
      { name: 'y.png', bytes: Buffer.from([1, 2]) },
    ]);
    expect(readdirSync(out).sort()).toEqual(['x.json', 'y.png']);
    expect(readFileSync(join(out, 'x.json'), 'utf8')).toBe('{}');
  });

  it('a failing write removes what this call wrote, and the folder it created', async () => {
    const out = join(dir, 'fails');
    // The second file's name is a folder inside a missing folder: its write fails after the first succeeded.
    const files = [
      { name: 'first.json', bytes: '1' },
      { name: join('missing', 'second.json'), bytes: '2' },
    ];
    await expect(writeFilesAtomic(out, files)).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
  });

  it('in an existing folder, other files stay untouched', async () => {
    const out = join(dir, 'existing');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'k');
    const files = [
      { name: 'first.json', bytes: '1' },
      { name: join('missing', 'second.json'), bytes: '2' },
    ];
    await expect(writeFilesAtomic(out, files)).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });
});
