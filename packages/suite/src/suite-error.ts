/** `SuiteError`: the error the suite's runner and readers throw, with a `code` for programs. */

/** Every kind of failure, declared once; `SuiteError.code` is one of these. */
export const SUITE_ERROR_CODES = [
  'invalid-argument',
  'write-failed',
  'publish-failed',
  'not-a-folder',
  'bad-run-id',
  'bad-manifest',
  'unreadable-file',
  'non-finite',
] as const;

export type SuiteErrorCode = (typeof SUITE_ERROR_CODES)[number];

/**
 * Thrown for bad options, a run that cannot be written or published, and unreadable results. The message is complete
 * on its own (it names the option or the file); `file` repeats the path where one applies.
 * @example
 * try { await runSuite({ experiments, out: '/full-disk' }); }
 * catch (e) { if (e instanceof SuiteError && e.code === 'write-failed') console.error(e.message); }
 */
export class SuiteError extends Error {
  override readonly name = 'SuiteError';
  readonly code: SuiteErrorCode;
  readonly file?: string;

  constructor(code: SuiteErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}
