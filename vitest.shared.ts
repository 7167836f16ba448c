/** Shared vitest settings: resolve workspace packages to their TypeScript sources, run tests in forks. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Each project's JSON report, inside the project (turbo caches it as the `test` task's output, so a cached run
 * restores it), summed by `.ci/summarize-tests.mjs` into one closing line.
 */
export const REPORT_FILE = join('test-artifacts', 'vitest-report.json');

export const SOURCE_CONDITION = '@openbox/source';

// Test files run in parallel forks, one per core, so each fork's wasm kernels get one thread: a second XNNPACK thread
// per fork would spin on a core another fork is using (measured: the runtime package's tests took 2× the wall time).
// The multithreaded path has its own tests, which ask for 2 threads explicitly (src/wasm-threads/).
process.env['OPENBOX_WASM_THREADS'] ??= '1';

export const sharedConfig = defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] } },
  test: {
    pool: 'forks',
    // Vitest's default in run mode is one fork fewer than the CPUs: a single fork on CI's 2 cores, which left one core
    // idle (turbo runs one package at a time). Test files are independent processes; use every core.
    maxWorkers: Math.max(1, availableParallelism()),
    minWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    include: ['src/**/*.test.ts', '*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: join(process.cwd(), REPORT_FILE) }]],
  },
});
