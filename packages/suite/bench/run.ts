/** Benchmark: wall time of the whole comparison suite, quick and full budgets, per experiment. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { SUITE_EXPERIMENTS, loadLrTemplates, runSuite, type Manifest } from '../src/index.js';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';

const cacheDir = defaultCacheDir();

// 1. Backend, and the two cached models (their one-time training is measured separately, not in the suite's time).
const backend = await initBackend();
let started = performance.now();
const reference = await loadReferenceCnn({ cacheDir });
const cnnSeconds = (performance.now() - started) / 1000;
started = performance.now();
loadLrTemplates(cacheDir);
const lrSeconds = (performance.now() - started) / 1000;

// 2. Quick, then full suite, into a temporary results folder.
const out = mkdtempSync(join(tmpdir(), 'openbox-suite-bench-'));
const runs: { label: string; manifest: Manifest; seconds: number }[] = [];
for (const quick of [true, false]) {
  const t = performance.now();
  const manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, out, quick, seed: 0, cacheDir });
  runs.push({ label: quick ? '--quick' : 'full', manifest, seconds: (performance.now() - t) / 1000 });
  console.log(`${quick ? 'quick' : 'full'} suite: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
rmSync(out, { recursive: true, force: true });

// 3. Report.
const [quick, full] = runs as [(typeof runs)[number], (typeof runs)[number]];
const rows = SUITE_EXPERIMENTS.map((e) => {
  const q = quick.manifest.experiments.find((x) => x.id === e.id);
  const f = full.manifest.experiments.find((x) => x.id === e.id);
  return [
    e.id,
    `${((q?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    `${((f?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    f?.status === 'ok' ? (f.verdict?.status ?? '') : `failed: ${f?.error}`,
  ];
});
writeBenchmarkSection(
  'suite',
  'Comparison suite: wall time',
  'pnpm --filter @openbox/suite bench',
  `Backend: ${backend.chosen}. Targets on 2 CPU cores without a GPU: full suite < 5 min, \`--quick\` < 60 s.

| run | wall time | target |
| --- | --- | --- |
| \`openbox suite --quick\` | ${quick.seconds.toFixed(1)} s | < 60 s |
| \`openbox suite\` (full) | ${full.seconds.toFixed(1)} s | < 300 s |

One-time costs, outside the times above (cached under \`~/.cache/openbox\` after the first run): the reference CNN
${reference.fromCache ? `was read from the cache in ${cnnSeconds.toFixed(1)} s (its training took ${reference.meta.trainSeconds.toFixed(0)} s on ${reference.meta.backend})` : `trained in ${cnnSeconds.toFixed(0)} s`}; the MNIST logistic-regression templates ${lrSeconds > 1 ? `were fitted in ${lrSeconds.toFixed(1)} s` : 'were read from the cache'}.

${markdownTable(['experiment', '--quick', 'full', 'full verdict'], rows)}`,
);
