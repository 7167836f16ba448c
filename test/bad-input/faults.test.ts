/**
 * Faults around the CLI's writes: concurrent runs into one folder, a run killed with SIGKILL, a full disk. Each case
 * runs the built CLI; afterwards no folder may hold a partial run, a temp file or a truncated file.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns } from '@openbox/suite';
import { buildFixtures, type Fixtures } from './fixtures.js';
import { CLI, RAW_CONTROL, STACK_TRACE, runCli } from './run-cli.js';

let fx: Fixtures;
let disk: string;
beforeAll(async () => {
  fx = await buildFixtures({});
  // A 512 KiB file system: a real ENOSPC (tests run as root, as CI does).
  disk = fx.at('small-disk');
  mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', disk]);
}, 120_000);
afterAll(() => {
  if (disk !== undefined) execFileSync('umount', [disk]);
  fx?.cleanup();
});

/** Hidden partial runs and temp files anywhere under `dir`. */
function debris(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (/\.partial$|\.tmp$/.test(e.name)) out.push(join(d, e.name));
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** True when `bytes` is a whole PNG: the signature first and the IEND chunk last. */
const wholePng = (bytes: Buffer): boolean =>
  bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) &&
  bytes.subarray(-12, -8).readUInt32BE(0) === 0 &&
  bytes.subarray(-8, -4).toString('latin1') === 'IEND';

describe('faults', () => {
  it('two suite runs started together into one folder with the same seed both publish complete, distinct runs', async () => {
    const out = fx.out('concurrent');
    const args = ['suite', '--quick', '--only', 'laplacian-kernel', '--seed', '0', '--out', out];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const runs = listRuns(out);
    expect(runs.map((r) => r.experiments.map((e) => [e.id, e.status]))).toEqual([
      [['laplacian-kernel', 'ok']],
      [['laplacian-kernel', 'ok']],
    ]);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(2);
    expect(readdirSync(out).sort()).toEqual(runs.map((r) => r.runId).sort());
    expect(debris(out)).toEqual([]);
  });

  it('a suite run killed with SIGKILL leaves a partial folder that the next run removes', async () => {
    const out = fx.out('killed');
    mkdirSync(out, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        CLI,
        'suite',
        '--quick',
        '--only',
        'activation-maximization',
        '--model',
        fx.at('model/model.json'),
        '--out',
        out,
      ],
      { stdio: 'ignore' },
    );
    // Kill it as soon as its partial folder holds its lock (it takes seconds to finish; polled every 10 ms). A
    // partial folder without a lock may be a run between its mkdir and its lock write, so cleanups keep it for an hour
    // (remove-stale-partials.ts); killing in that window would leave such a folder, by design.
    const deadline = Date.now() + 60_000;
    const locked = (): boolean =>
      readdirSync(out).some((f) => f.endsWith('.partial') && existsSync(join(out, f, 'lock')));
    while (!locked()) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('the run never created its partial folder');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toHaveLength(1);
    const next = await runCli(['suite', '--quick', '--only', 'laplacian-kernel', '--out', out]);
    expect(next.code, next.stderr).toBe(0);
    expect(debris(out)).toEqual([]);
    expect(listRuns(out)).toHaveLength(1);
  });

  it('the suite on a full disk fails, naming the file it could not write, and leaves no partial file', async () => {
    const out = join(disk, 'suite');
    const run = await runCli(['suite', '--quick', '--only', 'laplacian-kernel', '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/no space left/i);
    // The file, relative to the run folder, and the results folder it was written in.
    expect(run.stderr).toContain(
      `cannot write 'laplacian-kernel/result.json' of experiment 'laplacian-kernel'`,
    );
    expect(run.stderr).toContain(`in "${out}"`);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(debris(disk)).toEqual([]);
    // The run is published with the experiment recorded as failed, its error naming the file: nothing half-written.
    const runs = listRuns(out);
    expect(runs.map((r) => r.experiments.map((e) => [e.id, e.status]))).toEqual([
      [['laplacian-kernel', 'failed']],
    ]);
    expect(runs[0]!.experiments[0]!.error).toMatch(/cannot write 'laplacian-kernel\/result\.json'.*ENOSPC/);
    expect(readdirSync(join(out, runs[0]!.runId))).toEqual(['manifest.json']);
  });

  it('visualize on a full disk fails naming the PNG, and every file it left is whole', async () => {
    const out = join(disk, 'vis');
    mkdirSync(out);
    // Leave about 6 KiB free: the combined PNG fits, the per-channel ones do not all fit.
    const free = Number(execFileSync('df', ['--output=avail', '-B1', disk]).toString().trim().split('\n')[1]);
    writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, free - 6 * 1024)));
    const run = await runCli([
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--channels',
      '0-3',
      '--steps',
      '8',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/no space left/i);
    expect(run.stderr).toMatch(new RegExp(`${out.replaceAll('/', '\\/')}\\/conv1[^\\s"]*\\.(png|json)`));
    expect(debris(disk)).toEqual([]);
    for (const f of readdirSync(out).filter((f) => f.endsWith('.png')))
      expect(wholePng(readFileSync(join(out, f))), f).toBe(true);
  });
});
