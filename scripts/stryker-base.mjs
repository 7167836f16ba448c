/** The Stryker options every package shares; each `stryker.config.mjs` adds its own `mutate` globs. */
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATE_PACKAGE_ENV, MUTATE_SKIP_ENV } from './stryker-env.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(ROOT, 'package.json'));

/** Where each package's JSON mutation report goes (git-ignored). */
export const REPORTS_DIR = join(ROOT, 'reports', 'mutation');

/** Never mutated: tests, test helpers (`test-*.ts`, `test-helpers.ts`) and user-facing messages. */
const NEVER_MUTATE = ['!src/**/*.test.ts', '!src/**/test-*.ts', '!src/**/messages.ts'];

/**
 * @typedef {object} MutateOptions
 * @property {string[]} mutate globs of the files to mutate, relative to the package.
 * @property {string[]} [testFiles] globs of the only test files to run (Stryker's `testFiles`). Default all that
 *   vitest finds related to the mutated files.
 * @property {string[]} [skipTests] prefixes of full test names (`src/x.test.ts > describe > it`) of tests too
 *   slow to run instrumented; each needs its reason and measured time in the package's config. Default none.
 * @property {number} [timeoutMS] added to 1.5 × a mutant's covering tests' dry-run time before it counts as a
 *   timeout. Default 30 s: tfjs tests on a loaded 2-core machine vary by seconds.
 * @property {number} [concurrency] Stryker worker processes. Default 2 (the machine's cores).
 */

/**
 * The Stryker config for the package whose `stryker.config.mjs` is at `configUrl`.
 *
 * - Stryker copies the package folder into `.stryker-tmp/sandbox-*` and runs vitest there. Vitest gets
 *   `scripts/stryker-vitest.config.ts` by absolute path (the package's own `vitest.config.ts`, whose
 *   `../../vitest.shared.js` import would not resolve from the sandbox, minus the JSON report); vitest's root stays
 *   the sandbox, so the tests and the mutated sources are the sandbox's, and workspace packages resolve through the
 *   symlinked `node_modules` to their real, unmutated sources (`@openbox/source` condition).
 * - The vitest runner forces `pool: 'threads'` with one worker over the shared `forks`; that is fine with the wasm
 *   and cpu backends (tfjs-node's native binding is not installed here; see `nodeBindingProblem`).
 * - `ignoreStatic`: mutants that run only while a module loads (constant tables) would need a fresh worker each.
 * @param {string} configUrl `import.meta.url` of the package's `stryker.config.mjs`.
 * @param {MutateOptions} options
 * @example export default strykerConfig(import.meta.url, { mutate: ['src/stats/**\/*.ts'] });
 */
export function strykerConfig(
  configUrl,
  { mutate, testFiles = [], skipTests = [], timeoutMS = 30_000, concurrency = 2 },
) {
  const packageDir = dirname(fileURLToPath(configUrl));
  const name = basename(packageDir);
  // Read by stryker-vitest.config.ts and stryker-skip-tests.ts in the workers, which inherit this environment.
  process.env[MUTATE_PACKAGE_ENV] = name;
  process.env[MUTATE_SKIP_ENV] = JSON.stringify(skipTests);
  return {
    packageManager: 'pnpm',
    // pnpm does not hoist the runner next to core, so Stryker's `@stryker-mutator/*` glob would miss it.
    plugins: [require.resolve('@stryker-mutator/vitest-runner')],
    testRunner: 'vitest',
    vitest: { configFile: join(ROOT, 'scripts', 'stryker-vitest.config.ts'), related: true },
    coverageAnalysis: 'perTest',
    ignoreStatic: true,
    concurrency,
    timeoutMS,
    dryRunTimeoutMinutes: 20,
    mutate: [...mutate, ...NEVER_MUTATE],
    testFiles,
    // Re-runs test only the mutants whose code or covering tests changed; `-- --force` re-tests all.
    incremental: true,
    incrementalFile: join(REPORTS_DIR, `${name}.incremental.json`),
    ignorePatterns: [
      'dist',
      'test-artifacts',
      '.turbo',
      'bench',
      'reports',
      'coverage',
      '.scratch*',
      '.cache',
    ],
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: join(REPORTS_DIR, `${name}.json`) },
    clearTextReporter: { allowEmojis: false, logTests: false, maxTestsToLog: 0 },
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
  };
}
