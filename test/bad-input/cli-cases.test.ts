/**
 * The table-driven bad-input suite of the CLI: every option of every command, hostile CSVs, damaged model files and
 * special files. Each case runs the built `openbox` in a child process and asserts: the exit code; that stderr names
 * what is wrong; nothing on stdout; no stack trace; no raw control characters; no secret echoed; no partial file
 * left anywhere under the fixtures' `out/`; and an upper bound on the time.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliCase } from './case.js';
import { CLI_OPTION_CASES, OPTION_FILES } from './cases/cli-options.js';
import { CSV_CASES, CSV_FILES } from './cases/csv-files.js';
import { MODEL_CASES } from './cases/model-files.js';
import { VISUALIZE_EXAMPLES_CASES, VISUALIZE_EXAMPLES_FILES } from './cases/visualize-examples.js';
import { buildFixtures, type Fixtures } from './fixtures.js';
import { RAW_CONTROL, STACK_TRACE, runCli } from './run-cli.js';

const CASES: readonly CliCase[] = [
  ...CLI_OPTION_CASES,
  ...CSV_CASES,
  ...MODEL_CASES,
  ...VISUALIZE_EXAMPLES_CASES,
];

/** Every file under `dir` (recursively), as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, join(rel, name));
      else out.push(join(rel, name));
    }
  };
  walk(dir, '');
  return out;
}

let fx: Fixtures;
beforeAll(async () => {
  fx = await buildFixtures({ ...OPTION_FILES, ...CSV_FILES, ...VISUALIZE_EXAMPLES_FILES });
}, 120_000);
afterAll(() => fx?.cleanup());

describe('bad input to the openbox CLI', () => {
  it('has at least 150 distinct cases', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.concurrent.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await runCli(c.args(fx), { cwd: fx.root, ...(c.env ? { env: c.env } : {}) });
    const said = `exit ${run.code} (${run.signal ?? 'no signal'}) in ${Math.round(run.ms)} ms\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout}`;
    expect(run.killed, `killed (hang or flood): ${said}`).toBe(false);
    expect(run.code, said).toBe(c.exit);
    expect(c.mentions(fx).length, 'a case must say what the message names').toBeGreaterThan(0);
    for (const m of c.mentions(fx)) {
      if (typeof m === 'string') expect(run.stderr, said).toContain(m);
      else expect(run.stderr, said).toMatch(m);
    }
    for (const a of c.absent ?? []) {
      if (typeof a === 'string') expect(run.stderr + run.stdout).not.toContain(a);
      else expect(run.stderr + run.stdout).not.toMatch(a);
    }
    expect(run.stdout, said).toBe('');
    expect(run.stderr, said).not.toMatch(STACK_TRACE);
    expect(run.stderr, said).not.toMatch(RAW_CONTROL);
    expect(run.ms, said).toBeLessThan(c.maxMs ?? 15_000);
  });

  it('left no file in any output folder (no partial PNG, JSON or temp file)', () => {
    expect(filesUnder(fx.at('out'))).toEqual([]);
  });
});
