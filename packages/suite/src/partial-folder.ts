/** The hidden folder a run is written into, `.<run-id>.partial/`, with a `lock` file naming the process that owns it. */
import { mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomicSync } from '@openbox/safe-io';
import { MESSAGES, failureReason } from './messages.js';
import { SuiteError } from './suite-error.js';

/** The file inside a partial folder that names its owner; removed when the run is published. */
export const LOCK_FILE = 'lock';

/** Names of partial folders: a dot, a run id, `.partial`. */
export const PARTIAL_NAME_PATTERN = /^\.[0-9A-Za-z][0-9A-Za-z._-]{0,80}\.partial$/;

/** `lock`: which process on which host writes the run, and since when (ISO time). */
export interface PartialLock {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

/** `out/.<runId>.partial`. */
export function partialPathFor(out: string, runId: string): string {
  return join(out, `.${runId}.partial`);
}

/**
 * Creates `out/.<runId>.partial/` with `mkdir` — not recursive, so a folder that already exists (another run with
 * the same id) fails loudly instead of being shared — and writes its `lock` (`{ pid, hostname, startedAt }`)
 * atomically. `out` must exist. Returns the folder's path.
 */
export function createPartialFolder(out: string, runId: string): string {
  const dir = partialPathFor(out, runId);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new SuiteError('write-failed', MESSAGES.runFolderClash(dir), { file: dir, cause: error });
    throw new SuiteError(
      'write-failed',
      MESSAGES.cannotCreateFolder('run folder', dir, failureReason(error)),
      { file: dir, cause: error },
    );
  }
  const lock: PartialLock = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const file = join(dir, LOCK_FILE);
  try {
    writeJsonAtomicSync(file, lock);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new SuiteError('write-failed', MESSAGES.cannotWriteLock(file, failureReason(error)), {
      file,
      cause: error,
    });
  }
  return dir;
}
