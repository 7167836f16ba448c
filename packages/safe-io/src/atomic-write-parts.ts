/** What the two atomic writers share: the temp-file name and the mapping of a failure to a `SafeIoError`. */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { MESSAGES, errnoReason } from './messages.js';
import { SafeIoError } from './safe-io-error.js';

/** `dir/.name.<pid>-<random>.tmp`: hidden, unique per call, on the target's file system (so rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Checks the arguments common to both writers. */
export function checkWriteArguments(fn: string, path: unknown, data: unknown): void {
  if (typeof path !== 'string' || path === '' || path.includes('\0'))
    throw new SafeIoError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'path', 'a non-empty path without NUL', path),
      String(path),
    );
  if (typeof data !== 'string' && !(data instanceof Uint8Array))
    throw new SafeIoError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'data', 'a string or Uint8Array', typeof data),
      path,
    );
}

/** The error to throw for a failed write of `path`. */
export function writeError(fn: string, path: string, error: unknown): SafeIoError {
  if (error instanceof SafeIoError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new SafeIoError('disk-full', MESSAGES.diskFull(fn, path, code), path, { cause: error });
  return new SafeIoError('write-failed', MESSAGES.writeFailed(fn, path, errnoReason(error)), path, {
    cause: error,
  });
}

/** File systems that cannot fsync a folder answer one of these; the rename is still done. */
export const DIR_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EBADF']);
