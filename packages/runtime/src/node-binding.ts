/** Tells, without importing it, whether a tfjs-node package is installed with its native binding. */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Why `moduleName` (`@tensorflow/tfjs-node` or `-node-gpu`) cannot be used, or `undefined` when its package and
 * native binding (`tfjs_binding.node` under `lib/napi-v<N>`, fetched by its install script) are present. Checking first keeps
 * a failed import from registering half its kernels.
 */
export function nodeBindingProblem(moduleName: string): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`${moduleName}/package.json`));
  } catch {
    return `${moduleName} is not installed (it is an optional dependency)`;
  }
  const lib = join(packageDir, 'lib');
  const bindings = existsSync(lib)
    ? readdirSync(lib).filter(
        (entry) => entry.startsWith('napi-v') && existsSync(join(lib, entry, 'tfjs_binding.node')),
      )
    : [];
  if (bindings.length === 0) {
    return `${moduleName} is installed without its native binding (its install script downloads libtensorflow, which failed or was not allowed to run)`;
  }
  return undefined;
}
