/**
 * The README's JSON workflow: `pnpm --silent openbox logistic … --json > out.json` must put only the JSON object on
 * stdout (no build banner, no progress), and the object must be the documented shape.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'openbox-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's `pnpm --silent openbox … --json` form", () => {
  it('prints exactly one JSON object on stdout', async () => {
    // y = 1 more often as x1 grows, with overlap (no separation): the exact fit converges and the fits agree.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const x1 = (i % 12) - 6;
      return `${x1},${(i * 7) % 5},${(i * 7919) % 10 < 5 + x1 * 0.6 ? 1 : 0}`;
    });
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, `x1,x2,y\n${rows.join('\n')}\n`);
    const { stdout } = await run(
      'npx',
      ['--yes', 'pnpm@10', '--silent', 'openbox', 'logistic', '--csv', csv, '--target', 'y', '--json'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
    );
    expect(stdout.trimStart().startsWith('{')).toBe(true);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report['n']).toBe(60);
    expect(report['features']).toEqual(['x1', 'x2']);
    expect(report).toHaveProperty('exact');
    expect(report).toHaveProperty('warnings');
  });
});
