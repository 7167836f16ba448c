/** Where OpenBox keeps what outlives a run (the trained reference CNN, fitted templates). */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$OPENBOX_CACHE` when set, else `~/.cache/openbox`. Read at each call, so tests and CI can point it elsewhere.
 * @example const dir = join(defaultCacheDir(), 'models', 'mnist-cnn');
 */
export function defaultCacheDir(): string {
  const fromEnv = process.env['OPENBOX_CACHE'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.cache', 'openbox');
}
