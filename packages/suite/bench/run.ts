/**
 * Benchmark: the whole comparison suite, quick and full budgets, on one worker (in-process, one experiment after
 * another) and on the default pool (one worker thread per core), interleaved A B A B over ≥ 3 rounds. Reports wall
 * time, CPU seconds (`process.cpuUsage()`: every thread of the process, workers included), CPU ÷ wall, each
 * experiment's duration and the load average. Targets (issue 12): on the pool, CPU ÷ wall ≥ 1.6 and the wall time
 * at most half of one worker's.
 *
 * Knobs: `OPENBOX_SUITE_BENCH_BUDGETS` (default `quick,full`), `OPENBOX_SUITE_BENCH_ROUNDS` (default 3). The
 * models the suite caches are prepared first (timed, outside the rounds) so every round runs on a warm cache.
 * Workers start from the TypeScript sources here (tsx in each worker), a few seconds more than the built CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { SUITE_EXPERIMENTS, runSuite, type Manifest } from '../src/index.js';
import { resolveWorkers } from '../src/pool/pool-size.js';
import { SUITE_PREREQUISITES } from '../src/pool/suite-prerequisites.js';
import { formatRatio, formatSummary, interleave, loadAverage, summarize } from '../../../bench/interleave.js';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';

const BUDGETS = (process.env['OPENBOX_SUITE_BENCH_BUDGETS'] ?? 'quick,full')
  .split(',')
  .map((b) => b.trim())
  .filter((b): b is 'quick' | 'full' => b === 'quick' || b === 'full');
const ROUNDS = Number(process.env['OPENBOX_SUITE_BENCH_ROUNDS'] ?? 3);
const POOL = resolveWorkers(undefined, SUITE_EXPERIMENTS.length);
const LOAD_BEFORE = loadAverage();

// 1. Backend, then the cached models every round needs (trained here only on a cold cache).
const backend = await initBackend();
const cacheDir = defaultCacheDir();
const prepared: string[] = [];
for (const p of SUITE_PREREQUISITES) {
  if (p.isCached(cacheDir)) continue;
  const started = performance.now();
  await p.prepare({ cacheDir, progress: () => undefined });
  prepared.push(`${p.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`cold-cache preparation: ${prepared.length === 0 ? 'none (warm cache)' : prepared.join(', ')}`);

// 2. Rounds: one worker and the pool take turns, per budget.
interface Measured {
  readonly wall: number;
  readonly cpu: number;
  readonly manifest: Manifest;
}
const sections: string[] = [];
const durationRows = new Map<string, string[]>(SUITE_EXPERIMENTS.map((e) => [e.id, [e.id]]));
const headers = ['experiment'];
for (const budget of BUDGETS) {
  const out = mkdtempSync(join(tmpdir(), `openbox-suite-bench-${budget}-`));
  const runs = new Map<number, Measured[]>([
    [1, []],
    [POOL, []],
  ]);
  const contender = (workers: number) => ({
    name: `${budget}, ${workers} worker${workers === 1 ? '' : 's'}`,
    async measure() {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const manifest = await runSuite({
        experiments: SUITE_EXPERIMENTS,
        out,
        quick: budget === 'quick',
        workers,
      });
      const wall = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(cpu0);
      const cpu = (used.user + used.system) / 1e6;
      runs.get(workers)!.push({ wall, cpu, manifest });
      console.log(`${this.name}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, load ${loadAverage()}`);
      return wall;
    },
  });
  const [one, pool] = await interleave([contender(1), contender(POOL)], ROUNDS);
  rmSync(out, { recursive: true, force: true });
  // 3. Report this budget: wall, CPU, CPU ÷ wall; per experiment, the median duration over the rounds.
  const line = (workers: number, wall: ReturnType<typeof summarize>) => {
    const measured = runs.get(workers)!;
    const cpu = summarize(
      'cpu',
      measured.map((m) => m.cpu),
    );
    const ratio = summarize(
      'cpu/wall',
      measured.map((m) => m.cpu / m.wall),
    );
    const failed = measured.flatMap((m) => m.manifest.experiments.filter((e) => e.status === 'failed'));
    return [
      `\`${budget}\`, ${workers === 1 ? '1 worker (in-process)' : `${workers} workers`}`,
      `${formatSummary(wall)} s`,
      `${formatSummary(cpu)} s`,
      formatSummary(ratio, 2),
      failed.length === 0 ? 'none' : [...new Set(failed.map((e) => e.id))].join(', '),
    ];
  };
  sections.push(
    markdownTable(
      ['run', 'wall time', 'CPU time', 'CPU ÷ wall', 'failed'],
      [line(1, one!), line(POOL, pool!)],
    ),
    `Pool ÷ one worker, wall time: ${formatRatio(pool!, one!)} (target ≤ 0.5×).`,
  );
  for (const workers of [1, POOL]) {
    headers.push(`${budget}, ${workers === 1 ? '1 worker' : `${workers} workers`}`);
    for (const [id, row] of durationRows) {
      const ms = runs.get(workers)!.map((m) => m.manifest.experiments.find((e) => e.id === id)?.durationMs);
      const known = ms.filter((v): v is number => v !== undefined);
      row.push(known.length === 0 ? '' : `${(summarize(id, known).median / 1000).toFixed(1)} s`);
    }
  }
}

// 4. BENCHMARKS.md.
writeBenchmarkSection(
  'suite',
  'Comparison suite: wall time and cores used',
  'pnpm --filter @openbox/suite bench',
  `Backend: ${backend.chosen}${backend.threads === undefined ? '' : ` (${backend.threads} wasm threads in this thread; each pool worker gets its share of the cores)`}; ${POOL} pool workers (\`os.availableParallelism()\`); ${ROUNDS} rounds per budget, one worker and the pool interleaved; medians with min–max. Load average before: ${LOAD_BEFORE}; after: ${loadAverage()}. Cold-cache preparation before the rounds: ${prepared.length === 0 ? 'none (warm cache)' : prepared.join(', ')}.
Targets on 2 CPU cores without a GPU: full suite < 5 min once the models are cached, \`--quick\` < 60 s; on the pool (issue 12) CPU ÷ wall ≥ 1.6 and the wall time halved.

${sections.join('\n\n')}

Each experiment's duration (median over the rounds; on the pool it shares the cores with another experiment):

${markdownTable(headers, [...durationRows.values()])}`,
);
// End here even if a backend leaves a handle open (threaded wasm's workers did before they were unreferenced).
process.exit(0);
