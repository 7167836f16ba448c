/** Shared vitest settings: resolve workspace packages to their TypeScript sources, run tests in forks. */
import { defineConfig } from 'vitest/config';

export const SOURCE_CONDITION = '@openbox/source';

export const sharedConfig = defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] } },
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    include: ['src/**/*.test.ts', '*.test.ts', 'e2e/**/*.test.ts'],
  },
});
