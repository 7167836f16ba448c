/** Shared vitest settings: resolve workspace packages to their TypeScript sources, run tests in forks. */
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Each project's JSON report, inside the project (turbo caches it as the `test` task's output, so a cached run
 * restores it), summed by `.ci/summarize-tests.mjs` into one closing line.
 */
export const REPORT_FILE = join('test-artifacts', 'vitest-report.json');

export const SOURCE_CONDITION = '@openbox/source';

export const sharedConfig = defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] } },
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    include: ['src/**/*.test.ts', '*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: join(process.cwd(), REPORT_FILE) }]],
  },
});
