/** `fromSafeIoError`: a `SafeIoError` of the file layer as this package's `DatasetError`, message kept. */
import { statSync } from 'node:fs';
import { SafeIoError, type SafeIoErrorCode } from '@openbox/safe-io';
import { DatasetError, type DatasetErrorCode } from '../dataset-error.js';

const CODES = {
  'invalid-argument': 'invalid-argument',
  'missing-file': 'missing-file',
  'not-a-regular-file': 'not-a-regular-file',
  'too-large': 'file-too-large',
  'read-timeout': 'read-timeout',
  'read-failed': 'read-failed',
  'write-failed': 'read-failed',
  'disk-full': 'read-failed',
} as const satisfies Record<SafeIoErrorCode, DatasetErrorCode>;

/**
 * Maps a `SafeIoError` (anything else is returned as it is) to a `DatasetError` with the same message — already
 * naming the caller and the escaped path — and `file`: `too-large` → `file-too-large`; a folder → `not-a-file`, a
 * device, FIFO or socket → `not-a-regular-file`; `missing-file`, `read-timeout`, `read-failed` keep their names.
 * @example fromSafeIoError(new SafeIoError('too-large', msg, 'big.csv'), 'big.csv') // DatasetError 'file-too-large'
 */
export function fromSafeIoError(error: unknown, path: string): unknown {
  if (!(error instanceof SafeIoError)) return error;
  const code = error.code === 'not-a-regular-file' && isFolder(path) ? 'not-a-file' : CODES[error.code];
  return new DatasetError(code, error.message, { file: path });
}

/** Only on the error path: `stat` never opens, so it cannot block on a FIFO. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
