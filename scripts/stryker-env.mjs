/** Names shared by the Stryker config (main process) and the vitest config and setup file its workers load. */
import { fileURLToPath } from 'node:url';

/** The package being mutated (a key of `PACKAGE_CONFIGS` in `stryker-vitest.config.ts`). */
export const MUTATE_PACKAGE_ENV = 'OPENBOX_MUTATE_PACKAGE';

/** JSON array of test-name prefixes (`src/x.test.ts > describe > it`) that the setup file skips under Stryker. */
export const MUTATE_SKIP_ENV = 'OPENBOX_MUTATE_SKIP';

export const SKIP_SETUP_FILE = fileURLToPath(new URL('./stryker-skip-tests.ts', import.meta.url));
