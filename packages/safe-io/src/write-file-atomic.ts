/** `writeFileAtomic` / `writeFileAtomicSync`: readers see the old content or the new, never half; a failure leaves nothing. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync, constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DIR_FSYNC_UNSUPPORTED, checkWriteArguments, tempPathFor, writeError } from './atomic-write-parts.js';

const toBytes = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

/**
 * Writes `data` to `path` durably and atomically: (1) a hidden temp file beside it, created exclusively;
 * (2) write and `fsync`; (3) `rename` over the target; (4) `fsync` the folder so the rename survives a crash.
 * On any failure the temp file is removed and a `SafeIoError` naming `path` is thrown (`disk-full` for ENOSPC or
 * EDQUOT, `write-failed` otherwise); the previous content, if any, is untouched.
 * @example await writeFileAtomic('out/curves.json', JSON.stringify(curves));
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const fn = 'writeFileAtomic';
  checkWriteArguments(fn, path, data);
  const tmp = tempPathFor(path);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(toBytes(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(fn, path, error);
  }
  await syncFolder(dirname(path));
}

/** The synchronous form of {@link writeFileAtomic} (same steps, same guarantees). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const fn = 'writeFileAtomicSync';
  checkWriteArguments(fn, path, data);
  const tmp = tempPathFor(path);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      const bytes = toBytes(data);
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temp file could not be removed either; the error below names the target
    }
    throw writeError(fn, path, error);
  }
  syncFolderSync(dirname(path));
}

/** Writes `value` as pretty JSON plus a newline with {@link writeFileAtomic}. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes `value` as pretty JSON plus a newline with {@link writeFileAtomicSync}. */
export function writeJsonAtomicSync(path: string, value: unknown): void {
  writeFileAtomicSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!DIR_FSYNC_UNSUPPORTED.has(String((error as NodeJS.ErrnoException).code)))
      throw writeError('writeFileAtomic', dir, error);
  }
}

function syncFolderSync(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (!DIR_FSYNC_UNSUPPORTED.has(String((error as NodeJS.ErrnoException).code)))
      throw writeError('writeFileAtomicSync', dir, error);
  }
}
