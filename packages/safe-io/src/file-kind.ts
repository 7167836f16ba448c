/** What a non-regular file is, in words, and the open/stat error mapping shared by the readers. */
import type { Stats } from 'node:fs';
import { MESSAGES, errnoReason } from './messages.js';
import type { ResolvedReadOptions } from './read-options.js';
import { SafeIoError } from './safe-io-error.js';

/** "a folder", "a character device", … for a `Stats` that is not a regular file. */
export function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws unless the descriptor's `Stats` are a regular file within the cap. */
export function checkStats(stats: Stats, path: string, o: ResolvedReadOptions): void {
  if (!stats.isFile())
    throw new SafeIoError(
      'not-a-regular-file',
      MESSAGES.notRegular(o.caller, o.what, path, describeKind(stats)),
      path,
    );
  if (stats.size > o.maxBytes)
    throw new SafeIoError(
      'too-large',
      MESSAGES.tooLarge(o.caller, o.what, path, stats.size, o.maxBytes, o.hint),
      path,
    );
}

/** The `SafeIoError` for a failed open. */
export function openError(error: unknown, path: string, o: ResolvedReadOptions): SafeIoError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT')
    return new SafeIoError('missing-file', MESSAGES.missingFile(o.caller, o.what, path), path);
  if (code === 'EISDIR')
    return new SafeIoError(
      'not-a-regular-file',
      MESSAGES.notRegular(o.caller, o.what, path, 'a folder'),
      path,
    );
  return new SafeIoError(
    'read-failed',
    MESSAGES.readFailed(o.caller, o.what, path, errnoReason(error)),
    path,
    {
      cause: error,
    },
  );
}

/** The `SafeIoError` for a file that grew past the cap while it was read. */
export function grewError(path: string, o: ResolvedReadOptions): SafeIoError {
  return new SafeIoError(
    'too-large',
    MESSAGES.tooLarge(o.caller, o.what, path, null, o.maxBytes, o.hint),
    path,
  );
}
