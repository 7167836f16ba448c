/** @openbox/safe-io — files read and written safely, shared by every OpenBox package that touches the disk. */

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
export { escapeForMessage, DEFAULT_EXCERPT_CHARS } from './escape-for-message.js';
export { sha256Hex } from './sha256-hex.js';
