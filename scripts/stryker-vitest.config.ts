/**
 * The vitest config that Stryker runs (`vitest.configFile` in `scripts/stryker-base.mjs`): the mutated package's own
 * `vitest.config.ts`, with a dot reporter instead of the JSON report (it would be rewritten after every mutant) and
 * `stryker-skip-tests.ts` as an extra setup file. Stryker passes it by absolute path, so the relative imports below
 * resolve from here while vitest's root stays the sandbox (the cwd).
 */
import type { UserConfig } from 'vitest/config';
import datasets from '../datasets/vitest.config.js';
import cnnVis from '../packages/cnn-vis/vitest.config.js';
import logistic from '../packages/logistic/vitest.config.js';
import runtime from '../packages/runtime/vitest.config.js';
import { MUTATE_PACKAGE_ENV, SKIP_SETUP_FILE } from './stryker-env.mjs';

const PACKAGE_CONFIGS: Record<string, UserConfig> = { datasets, 'cnn-vis': cnnVis, logistic, runtime };

const name = process.env[MUTATE_PACKAGE_ENV] ?? '';
const packageConfig = PACKAGE_CONFIGS[name];
if (packageConfig === undefined) {
  throw new Error(
    `stryker-vitest.config.ts: ${MUTATE_PACKAGE_ENV} is "${name}"; expected one of ${Object.keys(PACKAGE_CONFIGS).join(', ')} (run it through \`pnpm mutate\`)`,
  );
}

const setupFiles = packageConfig.test?.setupFiles ?? [];
const config: UserConfig = {
  ...packageConfig,
  test: {
    ...packageConfig.test,
    reporters: ['dot'],
    setupFiles: [...(Array.isArray(setupFiles) ? setupFiles : [setupFiles]), SKIP_SETUP_FILE],
  },
};
export default config;
