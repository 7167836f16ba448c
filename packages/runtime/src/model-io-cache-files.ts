/** Size + SHA-256 records of a cache's files, and their verification: what makes a model cache self-repairing. */
import { basename, join } from 'node:path';
import { readRegularFile, readRegularFileSync, SafeIoError, sha256Hex } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';

/** A file's size in bytes and its SHA-256 as lowercase hex. */
export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** The files of a cache folder by plain file name (`'weights.bin'`), as stored in its meta.json. */
export type CachedFiles = Readonly<Record<string, FileDigest>>;

/**
 * The size and SHA-256 of `data` (strings as UTF-8), to store in a cache's meta.json.
 * @example digestOf('abc') // { bytes: 3, sha256: 'ba7816bf…' }
 */
export function digestOf(data: Uint8Array | string): FileDigest {
  return {
    bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
    sha256: sha256Hex(data),
  };
}

/** True when `value` has the shape of {@link CachedFiles} (plain file names, integer sizes, 64-hex digests). */
export function isCachedFiles(value: unknown): value is CachedFiles {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([name, digest]) =>
      isPlainFileName(name) &&
      Number.isSafeInteger((digest as FileDigest | null)?.bytes) &&
      (digest as FileDigest).bytes >= 0 &&
      /^[0-9a-f]{64}$/.test(String((digest as FileDigest).sha256)),
  );
}

/**
 * Why the files in `dir` differ from `files`, or `undefined` when each is a regular file of exactly the recorded size
 * and SHA-256. Each read is capped at the recorded size, so a FIFO, a device, a link to one or a grown file is
 * refused at once. The reason is one line naming the file: `'weights.bin holds 100 bytes; meta.json records 73512'`.
 * @example const reason = await verifyCachedFiles(dir, meta.files); if (reason) console.warn(`damaged (${reason})`);
 */
export async function verifyCachedFiles(
  dir: string,
  files: CachedFiles,
  options: { timeoutMs?: number } = {},
): Promise<string | undefined> {
  for (const [name, digest] of Object.entries(files)) {
    if (!isPlainFileName(name)) return MESSAGES.cacheFileName(name);
    const read = () =>
      readRegularFile(join(dir, name), {
        maxBytes: digest.bytes,
        timeoutMs: options.timeoutMs ?? 10_000,
        what: 'cached file',
        caller: 'verifyCachedFiles',
      });
    const reason = compare(name, digest, await read().catch((error: unknown) => error));
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** The synchronous form of {@link verifyCachedFiles} (no stall timeout; for local caches read by sync code). */
export function verifyCachedFilesSync(dir: string, files: CachedFiles): string | undefined {
  for (const [name, digest] of Object.entries(files)) {
    if (!isPlainFileName(name)) return MESSAGES.cacheFileName(name);
    let bytes: unknown;
    try {
      bytes = readRegularFileSync(join(dir, name), {
        maxBytes: digest.bytes,
        what: 'cached file',
        caller: 'verifyCachedFilesSync',
      });
    } catch (error) {
      bytes = error;
    }
    const reason = compare(name, digest, bytes);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** The reason `read` (the bytes, or the error reading them) does not match `digest`. */
function compare(name: string, digest: FileDigest, read: unknown): string | undefined {
  if (read instanceof Uint8Array) {
    if (read.byteLength !== digest.bytes) return MESSAGES.cacheFileShort(name, read.byteLength, digest.bytes);
    return sha256Hex(read) === digest.sha256 ? undefined : MESSAGES.cacheFileChanged(name);
  }
  if (!(read instanceof SafeIoError)) throw read;
  if (read.code === 'missing-file') return MESSAGES.cacheFileMissing(name);
  if (read.code === 'too-large') return MESSAGES.cacheFileLong(name, digest.bytes);
  if (read.code === 'not-a-regular-file') {
    const kind = / is (an? [A-Za-z ()]+), not a regular file/.exec(read.message)?.[1];
    return MESSAGES.cacheFileNotRegular(name, kind);
  }
  return MESSAGES.cacheFileUnreadable(name, read.code);
}

const isPlainFileName = (name: string): boolean =>
  name !== '' &&
  name !== '.' &&
  name !== '..' &&
  !name.includes('\0') &&
  basename(name) === name &&
  !name.includes('\\');
