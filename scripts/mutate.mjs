/**
 * `pnpm mutate [--package NAME] [-- STRYKER_ARGS]`: StrykerJS mutation testing of the numerical code, one package at
 * a time (all of them in turn without `--package`), then a summary per package: killed / survived / timeout / no
 * coverage, the mutation score and the wall time, and every surviving mutant as `file:line mutator → replacement`.
 * Reports go to `reports/mutation/<package>.json` (Stryker's) and `<package>.summary.json` (this script's).
 * Too slow for CI (see QUALITY.md); run it by hand, one Stryker at a time.
 * @example npx --yes pnpm@10 mutate --package logistic -- --concurrency 1
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const REPORTS_DIR = join(ROOT, 'reports', 'mutation');

/** Each mutated package and its folder, in the order a full run takes them (cheapest first). */
const PACKAGES = {
  logistic: 'packages/logistic',
  datasets: 'datasets',
  runtime: 'packages/runtime',
  'cnn-vis': 'packages/cnn-vis',
};

const USAGE = `usage: pnpm mutate [--package ${Object.keys(PACKAGES).join('|')}] [-- STRYKER_ARGS]`;

/** 1. Parse `--package NAME` (or `--package=NAME`); everything after `--` goes to Stryker unchanged. */
function parseArgs(argv) {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const strykerArgs = separator === -1 ? [] : argv.slice(separator + 1);
  const names = [];
  for (let i = 0; i < own.length; i++) {
    const arg = own[i];
    const value = arg === '--package' ? own[++i] : arg.startsWith('--package=') ? arg.slice(10) : null;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === null) fail(`mutate: unknown argument "${arg}"`);
    if (value === undefined) fail('mutate: --package needs a name');
    if (!Object.hasOwn(PACKAGES, value))
      fail(`mutate: --package "${value}" is not one of ${Object.keys(PACKAGES).join(', ')}`);
    names.push(value);
  }
  return { names: names.length > 0 ? names : Object.keys(PACKAGES), strykerArgs };
}

function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** 2. Run Stryker in the package's folder with its `stryker.config.mjs`; resolves with the exit code. */
function runStryker(dir, strykerArgs) {
  const bin = join(
    dirname(createRequire(join(ROOT, 'package.json')).resolve('@stryker-mutator/core/package.json')),
    'bin',
    'stryker.js',
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'run', 'stryker.config.mjs', ...strykerArgs], {
      cwd: join(ROOT, dir),
      stdio: 'inherit',
    });
    // Niced (its workers inherit it) so the other core's small test runs keep their speed.
    if (child.pid !== undefined) setPriority(child.pid, 10);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

/** 3. Count the statuses in Stryker's JSON report and list the survivors (the schema's `files[path].mutants`). */
function summarize(name, wallSeconds) {
  const report = JSON.parse(readFileSync(join(REPORTS_DIR, `${name}.json`), 'utf8'));
  const counts = {};
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        const where = `${file}:${mutant.location.start.line}:${mutant.location.start.column}`;
        const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
        survivors.push(
          `${mutant.status === 'NoCoverage' ? 'no coverage' : 'survived'}  ${where}  ${mutant.mutatorName} → ${replacement}`,
        );
      }
    }
  }
  const caught = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = caught + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid === 0 ? null : (100 * caught) / valid;
  const summary = {
    package: name,
    date: new Date().toISOString().slice(0, 10),
    wallSeconds,
    score,
    counts,
    survivors,
  };
  writeFileSync(join(REPORTS_DIR, `${name}.summary.json`), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function formatSummary({ package: name, wallSeconds, score, counts }) {
  const count = (status) => counts[status] ?? 0;
  const scoreText = score === null ? 'n/a' : `${score.toFixed(2)} %`;
  return (
    `${name}: score ${scoreText}; killed ${count('Killed')}, survived ${count('Survived')}, timeout ${count('Timeout')}, ` +
    `no coverage ${count('NoCoverage')}, errors ${count('RuntimeError') + count('CompileError')}, ignored ${count('Ignored')}; ` +
    `${Math.round(wallSeconds / 60)} min wall`
  );
}

const { names, strykerArgs } = parseArgs(process.argv.slice(2));
mkdirSync(REPORTS_DIR, { recursive: true });
const lines = [];
let worst = 0;
for (const name of names) {
  console.error(`\n== mutate ${name} (${PACKAGES[name]})`);
  const started = process.hrtime.bigint();
  const code = await runStryker(PACKAGES[name], strykerArgs);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  worst = Math.max(worst, code);
  const reportFile = join(REPORTS_DIR, `${name}.json`);
  if (code !== 0 || !existsSync(reportFile) || strykerArgs.includes('--dryRunOnly')) {
    lines.push(`${name}: stryker exited ${code} after ${Math.round(wallSeconds)} s (no new report)`);
    continue;
  }
  const summary = summarize(name, wallSeconds);
  for (const survivor of summary.survivors) console.log(survivor);
  lines.push(formatSummary(summary));
}
console.log(`\n${lines.join('\n')}`);
process.exit(worst);
