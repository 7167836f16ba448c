import { SafeIoError, SAFE_IO_ERROR_CODES, type SafeIoErrorCode } from '@openbox/safe-io';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, type DatasetErrorCode } from '../dataset-error.js';
import { fromSafeIoError } from './from-safe-io-error.js';

const folder = mkdtempSync(join(tmpdir(), 'openbox-safe-io-map-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('fromSafeIoError', () => {
  it.each<[SafeIoErrorCode, string, DatasetErrorCode]>([
    ['invalid-argument', 'x.csv', 'invalid-argument'],
    ['missing-file', 'x.csv', 'missing-file'],
    ['not-a-regular-file', '/dev/zero', 'not-a-regular-file'],
    ['not-a-regular-file', folder, 'not-a-file'],
    // The path vanished between the open and the mapping: `stat` fails, so it is not called a folder.
    ['not-a-regular-file', join(folder, 'vanished'), 'not-a-regular-file'],
    ['too-large', 'x.csv', 'file-too-large'],
    ['read-timeout', 'x.csv', 'read-timeout'],
    ['read-failed', 'x.csv', 'read-failed'],
    ['write-failed', 'x.csv', 'read-failed'],
    ['disk-full', 'x.csv', 'read-failed'],
  ])('%s at %s → %s, message and file kept', (code, path, expected) => {
    const mapped = fromSafeIoError(
      new SafeIoError(code, `loadCsv: CSV file "${path}" … (${code})`, path),
      path,
    );
    expect(mapped).toBeInstanceOf(DatasetError);
    expect(mapped).toMatchObject({
      code: expected,
      message: `loadCsv: CSV file "${path}" … (${code})`,
      file: path,
    });
  });

  it('covers every SafeIoError code, and passes other errors through', () => {
    expect(SAFE_IO_ERROR_CODES).toHaveLength(8);
    const other = new TypeError('x');
    expect(fromSafeIoError(other, 'x.csv')).toBe(other);
  });
});
