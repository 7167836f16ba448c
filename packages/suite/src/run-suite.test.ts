import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from './experiment.js';
import { LOCK_FILE, type PartialLock } from './partial-folder.js';
import { listRuns, readExperimentResult, readManifest } from './read-results.js';
import type { Verdict } from './results-format.js';
import { runSuite, type SuiteEvent } from './run-suite.js';
import { SuiteError } from './suite-error.js';

// Small real experiments: the runner's behaviour (ordering, isolation of failures, atomic output) is what is tested.
const sumOfUniforms: Experiment = {
  id: 'sum-of-uniforms',
  title: 'Mean of uniforms',
  claim: 'The mean of many U(0,1) draws is close to 1/2.',
  async run(ctx) {
    const n = ctx.quick ? 1000 : 10_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += ctx.rng.next();
      if (i % 500 === 0) ctx.progress(i, n);
    }
    const mean = sum / n;
    return {
      metrics: { n, mean },
      verdict: {
        status: Math.abs(mean - 0.5) < 0.05 ? 'holds' : 'does-not-hold',
        reason: `mean ${mean.toFixed(4)} over ${n} draws`,
      },
      charts: [],
      artifacts: [{ file: 'tiny.png', title: 'bytes', png: new Uint8Array([137, 80, 78, 71]) }],
    };
  },
};
const broken: Experiment = {
  id: 'broken',
  title: 'Always fails',
  claim: 'Nothing.',
  async run() {
    throw new Error('deliberate failure');
  },
};

describe('runSuite', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'openbox-suite-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes a manifest and per-experiment results; a failing experiment does not stop the others', async () => {
    const events: SuiteEvent[] = [];
    const manifest = await runSuite({
      experiments: [broken, sumOfUniforms],
      out,
      quick: true,
      seed: 3,
      onEvent: (e) => events.push(e),
    });
    expect(manifest.experiments.map((e) => [e.id, e.status])).toEqual([
      ['broken', 'failed'],
      ['sum-of-uniforms', 'ok'],
    ]);
    expect(manifest.experiments[0]?.error).toBe('deliberate failure');
    expect(readdirSync(out)).toEqual([manifest.runId]);
    const result = readExperimentResult(out, manifest.runId, 'sum-of-uniforms');
    expect(result?.verdict.status).toBe('holds');
    expect(result?.artifacts).toEqual([{ file: 'tiny.png', title: 'bytes', mediaType: 'image/png' }]);
    expect(existsSync(join(out, manifest.runId, 'sum-of-uniforms', 'tiny.png'))).toBe(true);
    expect(existsSync(join(out, manifest.runId, 'broken'))).toBe(false);
    expect(events.filter((e) => e.type === 'start').map((e) => e.id)).toEqual(['broken', 'sum-of-uniforms']);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(listRuns(out).map((m) => m.runId)).toEqual([manifest.runId]);
  });

  it('gives the same result JSON for the same seed and a different one for another seed', async () => {
    const read = async (seed: number) => {
      const m = await runSuite({ experiments: [sumOfUniforms], out, seed });
      return readFileSync(join(out, m.runId, 'sum-of-uniforms', 'result.json'), 'utf8');
    };
    const a = await read(1);
    expect(await read(1)).toBe(a);
    expect(await read(2)).not.toBe(a);
  });

  it('runs only the experiments asked for, and names unknown ids', async () => {
    const m = await runSuite({ experiments: [broken, sumOfUniforms], out, only: ['sum-of-uniforms'] });
    expect(m.experiments.map((e) => e.id)).toEqual(['sum-of-uniforms']);
    await expect(runSuite({ experiments: [broken, sumOfUniforms], out, only: ['nope'] })).rejects.toThrow(
      "runSuite: unknown experiment id 'nope' in only; known ids: broken, sum-of-uniforms.",
    );
  });

  it("writes the verdict's control evidence into the manifest and the result, as the experiment returned it", async () => {
    const expected: Verdict = {
      status: 'holds',
      reason: 'trained 0.4832 vs seed 1 -0.0436, seed 2 0.0124',
      evidence: [
        {
          metric: 'neighbour correlation',
          trained: 0.4832,
          controls: [
            { label: 'seed 1', value: -0.0436 },
            { label: 'seed 2', value: 0.0124 },
          ],
          requiredMargin: 0.2,
          margin: 0.4708,
          higherIsBetter: true,
          holds: true,
        },
      ],
    };
    const judged: Experiment = {
      id: 'judged',
      title: 'Judged against controls',
      claim: 'The trained value beats every control.',
      run: async () => ({ metrics: { trained: 0.4832 }, verdict: expected, charts: [], artifacts: [] }),
    };
    const m = await runSuite({ experiments: [judged, sumOfUniforms], out, quick: true });
    expect(m.experiments[0]?.verdict).toEqual(expected);
    expect(readManifest(out, m.runId).experiments[0]?.verdict).toEqual(expected);
    expect(readExperimentResult(out, m.runId, 'judged')?.verdict).toEqual(expected);
    // A verdict without evidence stays without the key.
    expect(Object.keys(readManifest(out, m.runId).experiments[1]!.verdict!)).toEqual(['status', 'reason']);
  });

  it('ignores a run killed before its manifest (a hidden .partial folder)', async () => {
    let release: () => void = () => undefined;
    const slow: Experiment = {
      ...sumOfUniforms,
      id: 'slow',
      run: () =>
        new Promise(
          (r) =>
            (release = () =>
              r({ metrics: {}, verdict: { status: 'holds', reason: '' }, charts: [], artifacts: [] })),
        ),
    };
    const pending = runSuite({ experiments: [slow], out });
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(out).every((name) => name.startsWith('.'))).toBe(true);
    expect(listRuns(out)).toEqual([]);
    release();
    await pending;
    expect(listRuns(out)).toHaveLength(1);
  });

  it('rejects bad seeds, bad ids and bad artifact names', async () => {
    await expect(runSuite({ experiments: [], out, seed: -1 })).rejects.toThrow(
      'runSuite: seed must be an integer from 0 to 9007199254740991, got -1.',
    );
    await expect(runSuite({ experiments: [], out, seed: 1e21 })).rejects.toThrow(
      'runSuite: seed must be an integer from 0 to 9007199254740991, got 1e+21.',
    );
    await expect(runSuite({ experiments: [], out, now: () => new Date(Number.NaN) })).rejects.toThrow(
      'runSuite: now() must return a valid Date, got Invalid Date.',
    );
    await expect(runSuite({ experiments: [{ ...broken, id: 'Bad Id' }], out })).rejects.toThrow(
      "experiment id 'Bad Id' is not kebab-case",
    );
    const badArtifact: Experiment = {
      ...sumOfUniforms,
      id: 'bad-artifact',
      run: async (ctx) => ({
        ...(await sumOfUniforms.run(ctx)),
        artifacts: [{ file: '../x.png', title: '', png: new Uint8Array() }],
      }),
    };
    const m = await runSuite({ experiments: [badArtifact], out });
    expect(m.experiments[0]?.error).toBe(
      "runSuite: experiment 'bad-artifact' produced an artifact named '../x.png'; use a kebab-case name ending in .png.",
    );
  });
});

/** An experiment that yields to the event loop between steps, so concurrent runs interleave. */
const yielding = (id: string, steps = 5): Experiment => ({
  id,
  title: `Yields ${steps} times`,
  claim: 'Nothing.',
  async run(ctx) {
    let sum = 0;
    for (let i = 0; i < steps; i++) {
      await new Promise((r) => setTimeout(r, 5));
      sum += ctx.rng.next();
    }
    return {
      metrics: { sum },
      verdict: { status: 'holds', reason: `sum ${sum}` },
      charts: [],
      artifacts: [{ file: 'tiny.png', title: 'bytes', png: new Uint8Array([137, 80, 78, 71]) }],
    };
  },
});
const FIXED_NOW = () => new Date('2026-11-25T21:04:05.678Z');
const partialsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.partial'));
const writePartial = (out: string, name: string, lock: PartialLock | string | undefined) => {
  const dir = join(out, name);
  mkdirSync(join(dir, 'some-experiment'), { recursive: true });
  writeFileSync(join(dir, 'some-experiment', 'result.json'), '{}');
  if (lock !== undefined)
    writeFileSync(join(dir, LOCK_FILE), typeof lock === 'string' ? lock : JSON.stringify(lock));
  return dir;
};
/** A pid that ran and has ended (and been reaped): kill(pid, 0) answers ESRCH. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid;
};

describe('runSuite: run ids, partial folders, publishing', () => {
  let out: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'openbox-suite-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  });

  it('names a run <UTC second>-seed<N>-<6 hex> and publishes it without its lock', async () => {
    const manifest = await runSuite({ experiments: [yielding('a')], out, seed: 7, now: FIXED_NOW });
    expect(manifest.runId).toMatch(/^2026-11-25T21-04-05Z-seed7-[0-9a-f]{6}$/);
    expect(manifest.createdAt).toBe('2026-11-25T21:04:05.678Z');
    expect(readdirSync(out)).toEqual([manifest.runId]);
    expect(readdirSync(join(out, manifest.runId)).sort()).toEqual(['a', 'manifest.json']);
    expect(readManifest(out, manifest.runId)).toEqual(manifest);
  });

  it('two same-seed runs started together into one folder in the same second both publish, complete and distinct', async () => {
    const experiments = [yielding('first'), yielding('second', 3), yielding('third', 7), broken];
    const runs = await Promise.all(
      [0, 1, 2, 3].map(() => runSuite({ experiments, out, seed: 0, now: FIXED_NOW })),
    );
    const ids = runs.map((m) => m.runId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id.startsWith('2026-11-25T21-04-05Z-seed0-')).toBe(true);
    expect(readdirSync(out).sort()).toEqual([...ids].sort());
    expect(
      listRuns(out)
        .map((m) => m.runId)
        .sort(),
    ).toEqual([...ids].sort());
    for (const m of runs) {
      expect(m.experiments.map((e) => [e.id, e.status])).toEqual([
        ['first', 'ok'],
        ['second', 'ok'],
        ['third', 'ok'],
        ['broken', 'failed'],
      ]);
      expect(readdirSync(join(out, m.runId)).sort()).toEqual(['first', 'manifest.json', 'second', 'third']);
      for (const id of ['first', 'second', 'third'])
        expect(readExperimentResult(out, m.runId, id)?.verdict.status).toBe('holds');
    }
  });

  it('removes the partials of dead runs at the start and keeps live, foreign-host and young unlocked ones', async () => {
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    const startedAt = '2026-11-25T21:00:00.000Z';
    const host = hostname();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-dead01.partial', {
      pid: deadPid(),
      hostname: host,
      startedAt,
    });
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-live01.partial', {
      pid: sleeper.pid!,
      hostname: host,
      startedAt,
    });
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-self01.partial', {
      pid: process.pid,
      hostname: host,
      startedAt,
    });
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-host01.partial', {
      pid: deadPid(),
      hostname: `not-${host}`,
      startedAt,
    });
    utimesSync(
      writePartial(out, '.2026-11-25T21-00-00Z-seed0-old001.partial', undefined),
      twoHoursAgo,
      twoHoursAgo,
    );
    utimesSync(
      writePartial(out, '.2026-11-25T21-00-00Z-seed0-bad001.partial', '{"pid": -1, "hostname": 3}'),
      twoHoursAgo,
      twoHoursAgo,
    );
    utimesSync(writePartial(out, '.2026-11-25T21-00-00Z-seed0.partial', undefined), twoHoursAgo, twoHoursAgo);
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-new001.partial', undefined);
    writePartial(out, '.2026-11-25T21-00-00Z-seed0-nul001.partial', '{"pid": 0, "hostname": "x"');
    writeFileSync(join(out, '.not-a-folder.partial'), 'a file is never removed');
    const m = await runSuite({ experiments: [yielding('a')], out });
    expect(readdirSync(out).sort()).toEqual(
      [
        '.2026-11-25T21-00-00Z-seed0-host01.partial',
        '.2026-11-25T21-00-00Z-seed0-live01.partial',
        '.2026-11-25T21-00-00Z-seed0-new001.partial',
        '.2026-11-25T21-00-00Z-seed0-nul001.partial',
        '.2026-11-25T21-00-00Z-seed0-self01.partial',
        '.not-a-folder.partial',
        m.runId,
      ].sort(),
    );
    expect(
      readFileSync(
        join(out, '.2026-11-25T21-00-00Z-seed0-live01.partial', 'some-experiment', 'result.json'),
        'utf8',
      ),
    ).toBe('{}');
    expect(listRuns(out).map((r) => r.runId)).toEqual([m.runId]);
  });

  it('a run killed with SIGKILL leaves a stale partial that the next run removes', async () => {
    const signal = join(out, 'started');
    const results = join(out, 'results');
    const fixture = join(dirname(fileURLToPath(import.meta.url)), 'test-hanging-run.ts');
    const child = spawn(
      process.execPath,
      ['--conditions=@openbox/source', '--import', 'tsx', fixture, results, signal],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
    for (let waited = 0; !existsSync(signal); waited += 50) {
      if (waited > 90_000 || child.exitCode !== null) throw new Error(`the child did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [partial] = partialsIn(results);
    expect(partial).toMatch(/^\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-seed0-[0-9a-f]{6}\.partial$/);
    const lock = JSON.parse(readFileSync(join(results, partial!, LOCK_FILE), 'utf8')) as PartialLock;
    expect([lock.pid, lock.hostname]).toEqual([child.pid, hostname()]);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(partialsIn(results)).toEqual([partial]);
    expect(listRuns(results)).toEqual([]);
    const m = await runSuite({ experiments: [yielding('a')], out: results });
    expect(readdirSync(results)).toEqual([m.runId]);
  }, 120_000);

  it('never publishes over a taken id: it draws a new suffix and leaves the other folder untouched', async () => {
    let squatter = '';
    const squat: Experiment = {
      ...yielding('squat'),
      async run(ctx) {
        const [partial] = partialsIn(out);
        squatter = partial!.slice(1, -'.partial'.length);
        mkdirSync(join(out, squatter));
        writeFileSync(join(out, squatter, 'manifest.json'), 'not ours');
        return yielding('squat').run(ctx);
      },
    };
    const m = await runSuite({ experiments: [squat], out, now: FIXED_NOW });
    expect(m.runId).not.toBe(squatter);
    expect(m.runId).toMatch(/^2026-11-25T21-04-05Z-seed0-[0-9a-f]{6}$/);
    expect(readFileSync(join(out, squatter, 'manifest.json'), 'utf8')).toBe('not ours');
    expect(readdirSync(out).sort()).toEqual([m.runId, squatter].sort());
    expect(readManifest(out, m.runId)).toEqual(m);
    expect(readExperimentResult(out, m.runId, 'squat')?.verdict.status).toBe('holds');
  });

  it('removes its partial when something throws mid-run (an onEvent callback here)', async () => {
    await expect(
      runSuite({
        experiments: [yielding('a')],
        out,
        onEvent: (e) => {
          if (e.type === 'end') throw new Error('display crashed');
        },
      }),
    ).rejects.toThrow('display crashed');
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('runSuite on a full disk (a 64 KiB tmpfs)', () => {
  let mount: string;
  let out: string;
  beforeAll(() => {
    mount = mkdtempSync(join(tmpdir(), 'openbox-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
  });
  afterAll(() => {
    execFileSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const name of readdirSync(mount)) rmSync(join(mount, name), { recursive: true, force: true });
    out = join(mount, 'results');
  });
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((p) => p.replaceAll('\\', '/'))
      .sort();

  it("records a result that does not fit as that experiment's failure, naming the file; the others are saved", async () => {
    const big: Experiment = {
      ...yielding('big-artifact'),
      run: async (ctx) => ({
        ...(await yielding('big-artifact').run(ctx)),
        artifacts: [{ file: 'big.png', title: 'too big', png: new Uint8Array(128 * 1024) }],
      }),
    };
    const m = await runSuite({ experiments: [big, yielding('small')], out });
    expect(m.experiments.map((e) => [e.id, e.status, e.error])).toEqual([
      [
        'big-artifact',
        'failed',
        `runSuite: cannot write 'big-artifact/big.png' of experiment 'big-artifact' (run ${m.runId} in "${out}"): no space left on the device (ENOSPC).`,
      ],
      ['small', 'ok', undefined],
    ]);
    expect(filesUnder(out)).toEqual([
      m.runId,
      `${m.runId}/manifest.json`,
      `${m.runId}/small`,
      `${m.runId}/small/result.json`,
      `${m.runId}/small/tiny.png`,
    ]);
    expect(listRuns(out).map((r) => r.runId)).toEqual([m.runId]);
  });

  it('throws a SuiteError naming the manifest when it cannot be written, and removes the partial', async () => {
    let partial = '';
    const filler: Experiment = {
      ...yielding('fills-the-disk'),
      async run(ctx) {
        partial = join(out, partialsIn(out)[0]!);
        try {
          for (let i = 0; ; i++) writeFileSync(join(mount, `filler-${i}`), new Uint8Array(4096));
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        }
        return yielding('fills-the-disk').run(ctx);
      },
    };
    const error = await runSuite({ experiments: [filler], out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).code).toBe('write-failed');
    expect((error as SuiteError).message).toBe(
      `runSuite: cannot write the manifest "${partial}/manifest.json": no space left on the device (ENOSPC); the unfinished run folder "${partial}" was removed.`,
    );
    expect((error as SuiteError).file).toBe(`${partial}/manifest.json`);
    expect(readdirSync(out)).toEqual([]);
  });
});
