import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import type { Dataset } from '../types.js';
import { loadCsv } from './load-csv.js';
import { parseCsv } from './parse-csv.js';
import { FLOAT32_MIN_NORMAL } from './parse-cell.js';

// Fixed seeds: a failure is reproducible (fast-check prints the seed and the shrunk counterexample).
const RUNS = { seed: 20261201, numRuns: 150 } as const;

const dir = mkdtempSync(join(tmpdir(), 'openbox-csv-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const toFile = (content: string | Uint8Array): string => {
  const path = join(dir, `t${files++}.csv`);
  writeFileSync(path, content);
  return path;
};

/** Both entry points over the same text: one record consumer, so they must agree. */
async function both(text: string, target: string): Promise<[Dataset, Dataset]> {
  const fromText = parseCsv(text, { target });
  const fromFile = await loadCsv(toFile(text), { target });
  return [fromText, fromFile];
}

/** A float32 value the loader accepts: finite, and zero or normal (subnormals are `float32-underflow`). */
const float32 = fc
  .float({ noNaN: true, noDefaultInfinity: true })
  .filter((v) => v === 0 || Math.abs(v) >= FLOAT32_MIN_NORMAL)
  .map((v) => (Object.is(v, -0) ? 0 : v)); // "-0" keeps its sign (parse-cell test); toExponential() drops it

/** One of the ways a person or a program writes a number, each exact for a float32 value. */
const spelling = fc.constantFrom<(v: number) => string>(
  (v) => String(v),
  (v) => v.toExponential(),
  (v) => v.toPrecision(9), // 9 significant digits identify a float32
  (v) => ` ${v.toPrecision(12).toUpperCase()} `,
);
/** Header names: distinct identifiers, never numbers. */
const names = (n: number) =>
  fc.uniqueArray(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,9}$/), { minLength: n, maxLength: n });
const quoteAll = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const table = fc
  .record({ d: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 0, max: 30 }) })
  .chain(({ d, n }) =>
    fc.record({
      header: names(d + 1),
      // Two fixed first rows keep every column non-constant and the target two-class.
      rows: fc.array(fc.array(float32, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      labels: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: n, maxLength: n }),
      targetAt: fc.integer({ min: 0, max: d }),
      quoting: fc.array(fc.boolean(), { minLength: (n + 3) * (d + 1), maxLength: (n + 3) * (d + 1) }),
      spell: spelling,
      eol: fc.constantFrom('\n', '\r\n'),
      trailingEol: fc.boolean(),
      bom: fc.boolean(),
    }),
  );

describe('CSV properties (fast-check)', () => {
  it('a table of float32 numbers round-trips exactly through parseCsv and loadCsv, however it is written', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const d = t.header.length - 1;
        const rows = [Array(d).fill(0), Array(d).fill(1), ...t.rows];
        const labels = ['a', 'b', ...t.labels];
        let q = 0;
        const cell = (s: string) => (t.quoting[q++] ? quoteAll(s) : s);
        const line = (values: string[], label: string) => {
          const cells = values.slice();
          cells.splice(t.targetAt, 0, label);
          return cells.map(cell).join(',');
        };
        const target = t.header[t.targetAt] as string;
        const featureNames = t.header.filter((_, i) => i !== t.targetAt);
        const lines = [t.header.map(cell).join(',')];
        rows.forEach((r, i) => lines.push(line(r.map(t.spell), labels[i] as string)));
        const text = (t.bom ? '\uFEFF' : '') + lines.join(t.eol) + (t.trailingEol ? t.eol : '');
        for (const ds of await both(text, target)) {
          expect(ds.shape).toEqual([rows.length, d]);
          expect(ds.featureNames).toEqual(featureNames);
          expect(Array.from(ds.features)).toEqual(rows.flat().map((v) => Math.fround(v)));
          expect(labels.map((_, i) => ds.classNames[ds.target[i] as number])).toEqual(labels);
        }
      }),
      RUNS,
    );
  });

  it('a quoted field holding commas, line breaks and quotes round-trips as a label', async () => {
    const piece = fc.constantFrom(',', '\n', '\r\n', '\r', '"', '""', 'x', 'y z', '1', ';');
    const label = fc
      .array(piece, { minLength: 1, maxLength: 8 })
      .map((p) => p.join(''))
      .filter((s) => s.trim() === s && s !== '');
    await fc.assert(
      fc.asyncProperty(fc.array(label, { minLength: 2, maxLength: 12 }), async (labels) => {
        fc.pre(new Set(labels).size >= 2);
        const text = 'x,label\n' + labels.map((l, i) => `${i},${quoteAll(l)}`).join('\n') + '\n';
        for (const ds of await both(text, 'label')) {
          expect(labels.map((_, i) => ds.classNames[ds.target[i] as number])).toEqual(labels);
          expect(Array.from(ds.features)).toEqual(labels.map((_, i) => i));
        }
      }),
      RUNS,
    );
  });

  /** Runs `fn`; it may return a Dataset or throw a DatasetError, nothing else. */
  async function parsesOrDatasetError(fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      expect(e.message).toMatch(/^(parseCsv|loadCsv): /);
    }
  }
  const csvish = fc
    .array(
      fc.constantFrom(
        ',',
        '"',
        '\n',
        '\r',
        ' ',
        'y',
        'a',
        '1',
        '0',
        '-',
        '.',
        'e',
        '1e39',
        'NaN',
        '\uFEFF',
        '\0',
      ),
      {
        maxLength: 80,
      },
    )
    .map((p) => p.join(''));

  it('any string either parses or throws a DatasetError (never another error, never a hang)', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), csvish), async (text) => {
        await parsesOrDatasetError(() => parseCsv(text, { target: 'y' }));
        await parsesOrDatasetError(() => parseCsv(text, { target: 'y', features: ['a'] }));
      }),
      { ...RUNS, numRuns: 1000 },
    );
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('any bytes in a file either load or reject with a DatasetError', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      csvish.map((s) => new TextEncoder().encode(s)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        await parsesOrDatasetError(() => loadCsv(toFile(content), { target: 'y' }));
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});
