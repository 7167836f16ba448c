/** `SafeIoError`: the one error this package throws, with the file it concerns and a `code` for programs. */

/** Every kind of failure, declared once; `SafeIoError.code` is one of these. */
export const SAFE_IO_ERROR_CODES = [
  'invalid-argument',
  'missing-file',
  'not-a-regular-file',
  'too-large',
  'read-timeout',
  'read-failed',
  'write-failed',
  'disk-full',
] as const;

export type SafeIoErrorCode = (typeof SAFE_IO_ERROR_CODES)[number];

/**
 * Thrown for a path that cannot be read or written safely. The message is complete on its own (it names the file,
 * escaped); `file` repeats the path and `code` the kind, for programs.
 * @example
 * try { await readRegularFile('/dev/zero', { maxBytes: 1024 }); }
 * catch (e) { if (e instanceof SafeIoError && e.code === 'not-a-regular-file') … }
 */
export class SafeIoError extends Error {
  override readonly name = 'SafeIoError';
  readonly code: SafeIoErrorCode;
  readonly file: string;

  constructor(code: SafeIoErrorCode, message: string, file: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}
