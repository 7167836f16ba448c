/** @openbox/safe-io — files read and written safely, shared by every OpenBox package that touches the disk. */

// Everything that runs in a browser too (the curated list is browser.ts)
export * from './browser.js';

// Errors
export { SafeIoError, SAFE_IO_ERROR_CODES } from './safe-io-error.js';
export type { SafeIoErrorCode } from './safe-io-error.js';

// Reading: regular files only, capped, with a stall timeout
export { openRegularFile } from './open-regular-file.js';
export type { OpenedFile } from './open-regular-file.js';
export { readRegularFile, readRegularFileSync } from './read-regular-file.js';
export type { ReadOptions } from './read-options.js';

// Writing: temp file + fsync + rename + folder fsync
export {
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
  writeJsonAtomicSync,
} from './write-file-atomic.js';

// Messages and checksums
export { sha256Hex } from './sha256-hex.js';
