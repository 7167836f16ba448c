import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, type DatasetErrorCode } from '../dataset-error.js';
import { DEFAULT_MAX_BYTES } from './csv-options.js';
import { loadCsv } from './load-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Awaits `promise`, expects it to reject with a DatasetError and returns it. */
async function rejected(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

const MIB = 1024 * 1024;
/** Open file descriptors of this process (Linux). */
const openFds = (): number => readdirSync('/proc/self/fd').length;
/** No C0 control character (ESC, NUL, …) and no DEL reaches a message raw. */
const CONTROL = /[\u0000-\u001f\u007f]/;

describe('loadCsv', () => {
  it('loads a file and names the dataset after it', async () => {
    const path = file('birds.csv', '\uFEFFwing,mass,kind\r\n1.5,20,a\r\n2.5,30,b\r\n3,25,a\r\n');
    const ds = await loadCsv(path, { target: 'kind' });
    expect(ds.name).toBe('birds');
    expect(ds.shape).toEqual([3, 2]);
    expect(Array.from(ds.features)).toEqual([1.5, 20, 2.5, 30, 3, 25]);
    expect(ds.source).toBe(`CSV file ${path}`);
  });

  it('a missing file', async () => {
    const path = join(dir, 'nope.csv');
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e.message).toBe(`loadCsv: CSV file "${path}" does not exist.`);
    expect(e).toMatchObject({ code: 'missing-file', file: path });
  });

  it('a directory instead of a file', async () => {
    const e = await rejected(loadCsv(dir, { target: 'y' }));
    expect(e.message).toBe(
      `loadCsv: CSV file "${dir}" is a folder, not a regular file; only regular files are read.`,
    );
    expect(e).toMatchObject({ code: 'not-a-file', file: dir });
  });

  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  symlinkSync('/dev/zero', join(dir, 'zero.csv'));
  it.each<[string, string, string]>([
    ['/dev/zero', '/dev/zero', 'is a character device, not a regular file'],
    ['/dev/urandom', '/dev/urandom', 'is a character device, not a regular file'],
    ['a FIFO', fifo, 'is a named pipe (FIFO), not a regular file'],
    ['a link to /dev/zero', join(dir, 'zero.csv'), 'is a character device, not a regular file'],
  ])('%s is refused at once, not read', async (_, path, phrase) => {
    const started = performance.now();
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe(`loadCsv: CSV file "${path}" ${phrase}; only regular files are read.`);
    expect(e).toMatchObject({ code: 'not-a-regular-file', file: path });
  });

  it('a path that is not a usable string is an invalid argument, escaped', async () => {
    expect((await rejected(loadCsv('', { target: 'y' }))).message).toBe(
      'loadCsv: path must be a file path, got ""',
    );
    const nul = await rejected(loadCsv('data\u0000.csv', { target: 'y' }));
    expect(nul.code).toBe('invalid-argument');
    expect(nul.message).toBe('loadCsv: path must be a non-empty path without NUL, got "data\\\\u0000.csv".');
    expect(nul.message).not.toMatch(CONTROL);
  });

  it('a file over maxBytes is refused before reading; maxBytes raises or lowers the 1 GiB default', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(1024 * MIB);
    const path = file('big.csv', 'a,y\n' + '1,0\n2,1\n'.repeat(150));
    const e = await rejected(loadCsv(path, { target: 'y', maxBytes: 1024 }));
    expect(e.message).toBe(
      `loadCsv: CSV file "${path}" is 1204 bytes, over the limit of 1024 bytes; ` +
        'raise it with maxBytes / --max-bytes.',
    );
    expect(e).toMatchObject({ code: 'file-too-large', file: path });
    expect((await loadCsv(path, { target: 'y', maxBytes: 1204 })).shape).toEqual([300, 1]);
    expect((await rejected(loadCsv(path, { target: 'y', maxBytes: 0.5 }))).message).toBe(
      'loadCsv: options.maxBytes must be a positive whole number of bytes, got 0.5',
    );
  });

  it('a non-UTF-8 file names the first bad line', async () => {
    const latin1 = Buffer.from('name,y\nabc,0\ncaf\xe9,1\n', 'latin1');
    const e = await rejected(loadCsv(file('latin1.csv', latin1), { target: 'y' }));
    expect(e.message).toMatch(/latin1\.csv", line 3 is not valid UTF-8 text; save the file as UTF-8/);
    expect(e).toMatchObject({ code: 'not-utf8', row: 3 });
  });

  // Reads come in 1 MiB chunks: a character split by the boundary is fine, a bad byte on either side is found.
  /** A CSV whose unselected `note` cell on line `line` starts with `bytes`, placed at byte offset `at`. */
  function withBytesAt(at: number, bytes: Uint8Array): { path: string; line: number; rows: number } {
    const header = 'note,a,y\n';
    const rows: string[] = [];
    let length = header.length;
    while (length + 4000 < at) {
      const row = `${'n'.repeat(2000)},${rows.length},${rows.length % 2}\n`;
      rows.push(row);
      length += row.length;
    }
    const suffix = `,${rows.length},${rows.length % 2}\n`;
    rows.push('p'.repeat(at - length - suffix.length) + suffix);
    const after = Array.from({ length: 10 }, (_, i) => `n,${i},${i % 2}\n`).join('');
    const content = Buffer.concat([
      Buffer.from(header + rows.join('')),
      bytes,
      Buffer.from(`,7,1\n${after}`),
    ]);
    expect(content.indexOf(bytes)).toBe(at);
    return { path: file('boundary.csv', content), line: rows.length + 2, rows: rows.length + 11 };
  }
  it.each<[string, number, number[], boolean]>([
    ['é split across it', MIB - 1, [0xc3, 0xa9], true],
    ['€ split across it', MIB - 2, [0xe2, 0x82, 0xac], true],
    ['😀 split across it', MIB - 1, [0xf0, 0x9f, 0x98, 0x80], true],
    ['a lone continuation byte just after it', MIB, [0x80], false],
    ['a truncated é just before it', MIB - 1, [0xc3], false],
    ['a truncated € across it', MIB - 1, [0xe2, 0x82], false],
    ['an overlong encoding across it', MIB - 1, [0xc0, 0xaf], false],
    ['a byte that is never UTF-8, well past it', MIB + 500, [0xff], false],
  ])('the 1 MiB chunk boundary: %s', async (_, at, bytes, valid) => {
    const { path, line, rows } = withBytesAt(at, Uint8Array.from(bytes));
    if (valid) {
      const ds = await loadCsv(path, { target: 'y', features: ['a'] });
      expect(ds.shape).toEqual([rows, 1]);
    } else {
      const e = await rejected(loadCsv(path, { target: 'y', features: ['a'] }));
      expect(e).toMatchObject({ code: 'not-utf8', row: line });
    }
  });

  it('a file that ends inside a multi-byte character names its last line', async () => {
    const e = await rejected(
      loadCsv(file('cut.csv', Buffer.from('a,y\n1,0\n2,\xe2\x82', 'latin1')), { target: 'y' }),
    );
    expect(e).toMatchObject({ code: 'not-utf8', row: 3 });
  });

  it('an empty file', async () => {
    expect((await rejected(loadCsv(file('empty.csv', ''), { target: 'y' }))).message).toMatch(
      /^loadCsv: ".*empty\.csv" is empty; a CSV needs a header line/,
    );
  });

  it('a bad cell is reported with the file path, line and column', async () => {
    const path = file('bad.csv', 'a,b,y\n1,2,0\n3,?,1\n');
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e.message).toBe(
      `loadCsv: "${path}", line 3, column "b": "?" is not a number; feature columns must be numeric ` +
        '(leave text columns out with options.features)',
    );
    expect(e).toMatchObject({ file: path, row: 3, column: 'b' });
  });

  it.each<[string, string, DatasetErrorCode, string]>([
    [
      '1e39',
      'overflows',
      'float32-overflow',
      'the float32 maximum, so it would become Infinity; rescale the column',
    ],
    ['-1e300', 'overflows', 'float32-overflow', 'would become Infinity; rescale the column'],
    ['1e-40', 'underflows', 'float32-underflow', 'the smallest normal float32, so it would become 0 or lose'],
    [
      '-1e-300',
      'underflows',
      'float32-underflow',
      'would become 0 or lose its precision; rescale the column',
    ],
  ])('a cell %s %s float32: %s names the file, line, column and value', async (value, _, code, phrase) => {
    const path = file('f32.csv', `a,b,y\n1,2,0\n3,${value},1\n`);
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e.message).toContain(`loadCsv: "${path}", line 3, column "b": "${value}" `);
    expect(e.message).toContain(phrase);
    expect(e).toMatchObject({ code, file: path, row: 3, column: 'b' });
  });
});

describe('loadCsv: what is not a CSV ends fast, and the message quotes no more than a short escaped excerpt', () => {
  const hash = '$6$Zq8dN3s1$' + 'kL9vQ2x7'.repeat(11);
  const shadow = [
    `root:${hash}:19000:0:99999:7:::`,
    'daemon:*:19000:0:99999:7:::',
    'bin:*:19000:0:99999:7:::',
  ];

  it('a passwd/shadow-like file: no line and no part of its single field is echoed', async () => {
    const path = file('shadow', shadow.join('\n') + '\n');
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e.code).toBe('unknown-target');
    for (const line of shadow) expect(e.message).not.toContain(line);
    expect(e.message).not.toContain(hash);
    const quoted = [...e.message.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string).filter((q) => q !== path);
    expect(quoted.every((q) => q.length <= 60)).toBe(true);
    expect(e.message).not.toContain('root:');
    expect(e.message).toContain(
      `the first line is a single field of ${shadow[0]!.length} characters, not comma-separated column names (is this a CSV file?)`,
    );
  });

  it('a binary file is refused as not UTF-8 without quoting it', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 193 + 71) % 256));
    const e = await rejected(loadCsv(file('image.png', bytes), { target: 'y' }));
    expect(e.code).toBe('not-utf8');
    expect(e.message).toMatch(
      /^loadCsv: ".*image\.png", line \d+ is not valid UTF-8 text; save the file as UTF-8/,
    );
  });

  it('ANSI escapes and NUL bytes in names and cells are escaped in messages', async () => {
    const header = file('ansi-header.csv', 'a\u001b[31m,y\u0000\n1,0\n2,1\n');
    const h = await rejected(loadCsv(header, { target: 'y' }));
    expect(h.message).toContain('the columns are "a\\x1b[31m", "y\\x00"');
    expect(h.message).not.toMatch(CONTROL);
    const cell = file('ansi-cell.csv', 'a,y\n1,0\n\u001b[2J\u0000,1\n');
    const c = await rejected(loadCsv(cell, { target: 'y' }));
    expect(c.message).toContain('line 3, column "a": "\\x1b[2J\\x00" is not a number');
    expect(c.message).not.toMatch(CONTROL);
  });

  it('a long cell is cut to 40 characters and an ellipsis', async () => {
    const long = 'z'.repeat(5000);
    const e = await rejected(loadCsv(file('long-cell.csv', `a,y\n1,0\n${long},1\n`), { target: 'y' }));
    expect(e.message).toContain(`"${'z'.repeat(40)}…" is not a number`);
    expect(e.message.length).toBeLessThan(400);
  });

  it('9 MiB without a line end is refused after the 8 MiB record cap, not read into memory whole', async () => {
    const path = file('one-line.csv', Buffer.alloc(9 * MIB, 'x'));
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e.message).toBe(
      `loadCsv: "${path}", line 1: a record longer than 8.0 MiB (no line end or closing quote in sight); ` +
        'this does not look like a CSV file',
    );
    expect(e).toMatchObject({ code: 'record-too-long', row: 1 });
  });

  it('an unclosed quote early in a large file ends at the record cap, naming the line where it opened', async () => {
    const path = file('open-quote.csv', 'a,y\n1,0\n2,"1\n' + '3,0\n'.repeat(2.5 * MIB));
    const e = await rejected(loadCsv(path, { target: 'y' }));
    expect(e).toMatchObject({ code: 'record-too-long', row: 3 });
  });

  it('closes the file on every error path', async () => {
    const before = openFds();
    for (const content of ['a,y\n1,0\n?,1\n', 'a,y\n1,"x\n', 'a,y\n1,1\n2,1\n', 'a,y\n1,1e39\n', 'a;y\n']) {
      const path = file('fd.csv', content);
      await rejected(loadCsv(path, { target: 'y', features: ['a'] }));
    }
    await rejected(loadCsv(file('fd-latin1.csv', Buffer.from('a,y\n\xe9,1\n', 'latin1')), { target: 'y' }));
    expect(openFds()).toBe(before);
  });
});
