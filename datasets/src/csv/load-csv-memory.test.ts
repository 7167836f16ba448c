import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv } from './load-csv.js';

/**
 * Rows of the memory test. 1,000,000 × 20 (209 MB of CSV) loads in 22–33 s on the 2 shared cores of a developer
 * machine (csv-parse's byte loop is most of it), too close to a test's 30 s budget with the file to write as well;
 * 500,000 × 20 (105 MB) loads there in 10–18 s (600,000: 12–22 s). Measured by hand at 1,000,000 × 20: peak RSS growth 190–225 MB,
 * under the 480 MB that 3× the float64 size allows.
 */
const ROWS = 500_000;
const COLS = 20;
const SAMPLES = [0, 1, 12_345, ROWS - 1];

/**
 * Writes the CSV in a child process (so this process's heap holds none of it) and prints the text of the sampled
 * rows: numbers with 8 significant digits from a hash of (row, column), label row % 3.
 */
const WRITER = `
import { createWriteStream } from 'node:fs';
const [path, rows, cols, samples] = [process.argv[1], +process.argv[2], +process.argv[3], JSON.parse(process.argv[4])];
const cell = (i, j) => (((Math.imul(i + 1, 2654435761) ^ Math.imul(j + 1, 40503)) >>> 0) / 4294967296 * 200 - 100).toPrecision(8);
const out = createWriteStream(path);
out.write(Array.from({ length: cols }, (_, j) => 'x' + j).join(',') + ',label\\n');
const seen = {};
let buf = '';
for (let i = 0; i < rows; i++) {
  const cells = Array.from({ length: cols }, (_, j) => cell(i, j));
  if (samples.includes(i)) seen[i] = cells;
  buf += cells.join(',') + ',' + (i % 3) + '\\n';
  if (buf.length > 1 << 20) { if (!out.write(buf)) await new Promise((r) => out.once('drain', r)); buf = ''; }
}
out.end(buf, () => process.stdout.write(JSON.stringify(seen)));
`;

const dir = mkdtempSync(join(tmpdir(), 'openbox-csv-memory-'));
const path = join(dir, 'wide.csv');
let sampled: Record<string, string[]>;
beforeAll(() => {
  const args = [path, String(ROWS), String(COLS), JSON.stringify(SAMPLES)];
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', WRITER, ...args], {
    encoding: 'utf8',
  });
  sampled = JSON.parse(stdout) as Record<string, string[]>;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCsv memory', () => {
  it(`streams ${ROWS} × ${COLS}: peak RSS growth stays under 3× the float64 size of the table`, async () => {
    expect(statSync(path).size).toBeGreaterThan(ROWS * COLS * 10);
    // 1. Baseline, then sample RSS every 10 ms while loading (the load awaits each 1 MiB read, so timers run).
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 10);
    const started = performance.now();
    const ds = await loadCsv(path, { target: 'label' });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sample();
    // 2. Shape and values.
    expect(ds.shape).toEqual([ROWS, COLS]);
    expect(ds.featureNames).toEqual(Array.from({ length: COLS }, (_, j) => `x${j}`));
    expect(ds.classNames).toEqual(['0', '1', '2']);
    for (const row of SAMPLES) {
      const expected = (sampled[row] as string[]).map((text) => Math.fround(Number(text)));
      expect(Array.from(ds.features.subarray(row * COLS, (row + 1) * COLS))).toEqual(expected);
      expect(ds.target[row]).toBe(row % 3);
    }
    // 3. Memory: float64 size of the table = rows × cols × 8 bytes.
    const float64Bytes = ROWS * COLS * 8;
    const growth = peak - baseline;
    console.log(
      `loadCsv ${ROWS}×${COLS}: ${seconds.toFixed(1)} s, peak RSS growth ${(growth / 1e6).toFixed(0)} MB ` +
        `(limit ${((3 * float64Bytes) / 1e6).toFixed(0)} MB)`,
    );
    expect(growth).toBeLessThanOrEqual(3 * float64Bytes);
  });
});
