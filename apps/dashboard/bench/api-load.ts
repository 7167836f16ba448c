/** Benchmark: JSON API latency (p50 / p99) under 50 concurrent connections with autocannon, against cached results. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { initBackend } from '@openbox/runtime';
import { SUITE_EXPERIMENTS, listRuns, readExperimentResult, runSuite } from '@openbox/suite';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';
import { startServeChild } from './start-server.js';

const CONNECTIONS = 50;
const SECONDS = 10;

// 1. A results folder: an existing run in results/ (OPENBOX_RESULTS), else a fresh quick suite in a temp folder.
await initBackend();
let resultsDir = process.env['OPENBOX_RESULTS'] ?? join(process.cwd(), '..', '..', 'results');
let temp: string | undefined;
if (listRuns(resultsDir).length === 0) {
  temp = mkdtempSync(join(tmpdir(), 'openbox-api-bench-'));
  resultsDir = temp;
  await runSuite({ experiments: SUITE_EXPERIMENTS, out: temp, quick: true, seed: 0 });
}
const run = listRuns(resultsDir)[0]!;

// 2. The real server in its own process (so the load generator does not share its event loop), and the URLs a
//    dashboard user's browser asks for.
const server = await startServeChild(resultsDir);
const paths = ['/api/runs', `/api/runs/${run.runId}`];
for (const e of run.experiments.filter((x) => x.status === 'ok')) {
  paths.push(`/api/runs/${run.runId}/experiments/${e.id}`);
  const chart = readExperimentResult(resultsDir, run.runId, e.id)?.charts[0];
  if (chart !== undefined) paths.push(`/api/runs/${run.runId}/experiments/${e.id}/charts/${chart.id}`);
}

// 3. Warm the server's caches (one request per path), then load: every connection cycles through the paths.
for (const path of paths) await fetch(new URL(path, server.url)).then((r) => r.arrayBuffer());
const result = await autocannon({
  url: server.url,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests: paths.map((path) => ({ method: 'GET' as const, path })),
});
await server.stop();
if (temp !== undefined) rmSync(temp, { recursive: true, force: true });

// 4. Report.
const errors = result.errors + result.timeouts + result.non2xx;
console.log(
  `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, ${errors} errors`,
);
writeBenchmarkSection(
  'dashboard-api',
  'Dashboard JSON API under load',
  'pnpm --filter @openbox/dashboard bench',
  `autocannon, ${CONNECTIONS} concurrent connections for ${SECONDS} s against a real server (its own process) on loopback, cycling through
${paths.length} API paths of one cached run (run list, manifest, each experiment's result, one chart spec each).

${markdownTable(
  ['latency p50', 'latency p99', 'max', 'requests/s (mean)', 'requests', 'errors (incl. non-2xx, timeouts)'],
  [
    [
      `${result.latency.p50} ms`,
      `${result.latency.p99} ms`,
      `${result.latency.max} ms`,
      Math.round(result.requests.average),
      result.requests.total,
      errors,
    ],
  ],
)}`,
);
if (errors > 0) process.exitCode = 1;
