/** Benchmark: wall time of the whole comparison suite, quick and full budgets, per experiment. */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { initBackend } from '@openbox/runtime';
import { SUITE_EXPERIMENTS, runSuite } from '../src/index.js';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';

const LOAD_BEFORE = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
// A fresh cache folder: the first (cold) full run trains the reference CNN, the trained controls it uses (judge,
// shuffled labels) and fits the LR templates inside its experiments; the runs after it are warm.
const cacheDir = mkdtempSync(join(os.tmpdir(), 'openbox-suite-bench-cache-'));

// 1. Backend.
const backend = await initBackend();

// 2. Cold full suite, then warm quick and warm full, into a temporary results folder.
const out = mkdtempSync(join(os.tmpdir(), 'openbox-suite-bench-'));
const timed = async (label: string, quick: boolean) => {
  const t = performance.now();
  const manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, out, quick, seed: 0, cacheDir });
  const seconds = (performance.now() - t) / 1000;
  console.log(`${label}: ${seconds.toFixed(1)} s`);
  return { label, manifest, seconds };
};
const cold = await timed('full, cold cache', false);
const quick = await timed('--quick, warm cache', true);
const full = await timed('full, warm cache', false);
rmSync(out, { recursive: true, force: true });
rmSync(cacheDir, { recursive: true, force: true });

// 3. Report.
const rows = SUITE_EXPERIMENTS.map((e) => {
  const q = quick.manifest.experiments.find((x) => x.id === e.id);
  const f = full.manifest.experiments.find((x) => x.id === e.id);
  const c = cold.manifest.experiments.find((x) => x.id === e.id);
  return [
    e.id,
    `${((c?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    `${((q?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    `${((f?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    f?.status === 'ok' ? (f.verdict?.status ?? '') : `failed: ${f?.error}`,
  ];
});
writeBenchmarkSection(
  'suite',
  'Comparison suite: wall time',
  'pnpm --filter @openbox/suite bench',
  `Backend: ${backend.chosen}; load average before the runs ${LOAD_BEFORE}, after ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}.
Targets on 2 CPU cores without a GPU: full suite < 5 min once the models are cached, \`--quick\` < 60 s.

| run | wall time | target |
| --- | --- | --- |
| \`openbox suite\` (full), cold cache: trains the reference CNN, the judge and the shuffled-labels net, fits the LR templates (the frozen-first-layer net is used by tests only) | ${cold.seconds.toFixed(1)} s | (once) |
| \`openbox suite --quick\`, warm cache | ${quick.seconds.toFixed(1)} s | < 60 s |
| \`openbox suite\` (full), warm cache | ${full.seconds.toFixed(1)} s | < 300 s |

${markdownTable(['experiment', 'full, cold', '--quick', 'full', 'full verdict'], rows)}`,
);
