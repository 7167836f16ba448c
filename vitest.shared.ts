/** Shared vitest settings: resolve workspace packages to their TypeScript sources, run tests in forks. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = dirname(fileURLToPath(import.meta.url));
/** Each project's JSON report, summed by `.ci/summarize-tests.mjs` into one closing line. */
const reportFile = (cwd: string) =>
  join(ROOT, 'test-artifacts', 'vitest', `${cwd.slice(ROOT.length + 1).replaceAll('/', '-') || 'root'}.json`);

export const SOURCE_CONDITION = '@openbox/source';

export const sharedConfig = defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] } },
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    include: ['src/**/*.test.ts', '*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: reportFile(process.cwd()) }]],
  },
});
