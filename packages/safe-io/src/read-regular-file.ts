/** `readRegularFile` / `readRegularFileSync`: a whole regular file into memory, capped, never from a device or FIFO. */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { checkStats, grewError, openError } from './file-kind.js';
import { MESSAGES, errnoReason } from './messages.js';
import { chunkLength, openRegularFile } from './open-regular-file.js';
import { resolveReadOptions, type ReadOptions } from './read-options.js';
import { SafeIoError } from './safe-io-error.js';

/**
 * Reads a whole regular file with the checks of {@link openRegularFile}: regular files only (checked on the open
 * descriptor, so a link to `/dev/zero` is refused too), at most `maxBytes`, a stall timeout.
 * @example const json = JSON.parse((await readRegularFile('model.json', { maxBytes: 64 << 20 })).toString('utf8'));
 */
export async function readRegularFile(path: string, options: ReadOptions): Promise<Buffer<ArrayBuffer>> {
  const { chunks } = await openRegularFile(path, { caller: 'readRegularFile', ...options });
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * The synchronous form of {@link readRegularFile}, for code that cannot await (same checks; no stall timeout, since
 * a synchronous read cannot be interrupted — regular files on a local disk do not stall).
 * @example const bytes = readRegularFileSync('meta.json', { maxBytes: 1 << 20, what: 'cache metadata' });
 */
export function readRegularFileSync(path: string, options: ReadOptions): Buffer<ArrayBuffer> {
  const o = resolveReadOptions('readRegularFileSync', path, options);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, path, o);
  }
  try {
    const stats = fstatSync(fd);
    checkStats(stats, path, o);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkLength(stats.size, total, o.maxBytes));
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        throw new SafeIoError(
          'read-failed',
          MESSAGES.readFailed(o.caller, o.what, path, errnoReason(error)),
          path,
          {
            cause: error,
          },
        );
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > o.maxBytes) throw grewError(path, o);
      parts.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(parts, total);
  } finally {
    closeSync(fd);
  }
}
