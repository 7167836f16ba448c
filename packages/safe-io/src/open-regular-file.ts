/** `openRegularFile`: a regular file's bytes as a stream of chunks, with a byte cap and a stall timeout. */
import { constants, type promises as fsp } from 'node:fs';
import { open } from 'node:fs/promises';
import { checkStats, grewError, openError } from './file-kind.js';
import { MESSAGES, errnoReason } from './messages.js';
import { resolveReadOptions, type ReadOptions, type ResolvedReadOptions } from './read-options.js';
import { SafeIoError } from './safe-io-error.js';

const CHUNK_BYTES = 1 << 20;

/** An opened, checked regular file. */
export interface OpenedFile {
  /** Its size when opened (`fstat`). */
  readonly size: number;
  /** Its bytes, chunk by chunk; iterate once. The file is closed when iteration ends, fails or is abandoned. */
  readonly chunks: AsyncIterable<Buffer>;
}

/**
 * Opens `path` read-only and non-blocking (so a FIFO cannot block the open), checks the open descriptor with
 * `fstat` — only regular files pass, so `/dev/zero`, `/dev/urandom`, FIFOs, sockets, folders and links to any of
 * them are refused — and that its size is within `maxBytes`. While the chunks are iterated the cap holds (a file
 * that grows is refused) and a read that stalls longer than `timeoutMs` fails.
 * @example
 * const { chunks } = await openRegularFile('data.csv', { maxBytes: 1 << 30, what: 'CSV file' });
 * for await (const chunk of chunks) parser.write(chunk);
 */
export async function openRegularFile(path: string, options: ReadOptions): Promise<OpenedFile> {
  const o = resolveReadOptions('openRegularFile', path, options);
  const handle = await openChecked(path, o);
  const size = (await handle.stat()).size;
  return { size, chunks: readChunks(handle, size, path, o) };
}

/** Open + fstat check, closing the descriptor when the check fails. */
export async function openChecked(path: string, o: ResolvedReadOptions): Promise<fsp.FileHandle> {
  let handle: fsp.FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, path, o);
  }
  try {
    checkStats(await handle.stat(), path, o);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Bytes to ask for next: what the file's size says is left plus one (to see the end, or growth), at least 4 KiB
 * (for files whose size `fstat` does not know), at most 1 MiB and at most one byte past the cap.
 */
export function chunkLength(size: number, total: number, maxBytes: number): number {
  return Math.min(CHUNK_BYTES, maxBytes - total + 1, Math.max(size - total + 1, 4096));
}

/** One read, raced against the stall timer. */
async function readOnce(handle: fsp.FileHandle, buffer: Buffer, path: string, o: ResolvedReadOptions) {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SafeIoError('read-timeout', MESSAGES.readTimeout(o.caller, o.what, path, o.timeoutMs), path),
        ),
      o.timeoutMs,
    );
  });
  try {
    return await Promise.race([handle.read(buffer, 0, buffer.length, null), stalled]);
  } catch (error) {
    if (error instanceof SafeIoError) throw error;
    throw new SafeIoError(
      'read-failed',
      MESSAGES.readFailed(o.caller, o.what, path, errnoReason(error)),
      path,
      {
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function* readChunks(
  handle: fsp.FileHandle,
  size: number,
  path: string,
  o: ResolvedReadOptions,
): AsyncGenerator<Buffer> {
  try {
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkLength(size, total, o.maxBytes));
      const { bytesRead } = await readOnce(handle, buffer, path, o);
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > o.maxBytes) throw grewError(path, o);
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
