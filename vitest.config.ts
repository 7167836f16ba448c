/** One `vitest run` at the root covers every package, app and the cross-package tests. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'datasets', 'test'],
  },
});
