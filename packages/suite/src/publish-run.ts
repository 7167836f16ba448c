/** Publishes a finished run: the manifest written last (fsync'd), then the partial folder renamed to `<run-id>`. */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomicSync } from '@openbox/safe-io';
import { MESSAGES, failureReason } from './messages.js';
import { LOCK_FILE } from './partial-folder.js';
import { MANIFEST_FILE, type Manifest } from './results-format.js';
import { newRunId } from './run-id.js';
import { SuiteError } from './suite-error.js';

/** How many run ids are tried before publishing gives up. */
export const PUBLISH_ATTEMPTS = 5;

/**
 * Writes `manifest.json` into `partial` and renames `partial` to `out/<manifest.runId>`. A run id that is already
 * taken (a folder or file of that name exists, or the rename answers ENOTEMPTY / EEXIST / ENOTDIR) is never
 * overwritten: a new random suffix is drawn, the manifest rewritten with it, and the rename tried again. The `lock`
 * is removed once the run is in place. Returns the manifest as published (its `runId` may differ from the one given).
 * Throws a `SuiteError` naming the file on a failure; the caller removes the partial folder.
 */
export function publishRun(partial: string, out: string, manifest: Manifest): Manifest {
  let current = manifest;
  for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
    if (attempt > 0) current = { ...current, runId: newRunId(new Date(current.createdAt), current.seed) };
    // 1. The manifest, last of the run's files.
    const file = join(partial, MANIFEST_FILE);
    try {
      writeJsonAtomicSync(file, current);
    } catch (error) {
      throw new SuiteError(
        'write-failed',
        MESSAGES.manifestWriteFailed(file, partial, failureReason(error)),
        {
          file,
          cause: error,
        },
      );
    }
    // 2. Into place, never over another run.
    const target = join(out, current.runId);
    if (existsSync(target)) continue;
    try {
      renameSync(partial, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') continue;
      throw new SuiteError(
        'publish-failed',
        MESSAGES.publishFailed(partial, target, partial, failureReason(error)),
        {
          file: target,
          cause: error,
        },
      );
    }
    try {
      rmSync(join(target, LOCK_FILE), { force: true });
    } catch {
      // the run is published and complete; a leftover lock inside it is harmless
    }
    return current;
  }
  throw new SuiteError('publish-failed', MESSAGES.publishClashes(out, PUBLISH_ATTEMPTS), { file: out });
}
