/** The CLI's two error classes: `UsageError` (bad arguments, exit 2) and `CommandError` (the command failed, exit 1). */

/** Every kind of bad command line, declared once; `UsageError.code` is one of these. */
export const USAGE_ERROR_CODES = [
  'unknown-option',
  'unexpected-argument',
  'missing-value',
  'repeated-option',
  'flag-with-value',
  'missing-option',
  'invalid-value',
  'out-of-range',
] as const;
export type UsageErrorCode = (typeof USAGE_ERROR_CODES)[number];

/**
 * Thrown for bad command-line arguments; `main` prints it with the command's usage and exits 2. The message names
 * the option, the value given (escaped and cut short) and what is allowed.
 * @example throw new UsageError('invalid-value', MESSAGES.invalidValue('l2', 'a number from 0 to 1e6', '-1'), 'l2');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: UsageErrorCode;
  /** The option at fault, without the leading `--`, when there is one. */
  readonly option: string | undefined;

  constructor(code: UsageErrorCode, message: string, option?: string) {
    super(message);
    this.code = code;
    this.option = option;
  }
}

/** Every way a command fails after its arguments were accepted, declared once; `CommandError.code` is one of these. */
export const COMMAND_ERROR_CODES = [
  'non-finite-output',
  'render-failed',
  'attribution-failed',
  'write-failed',
  'bad-input-file',
] as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

/** Thrown when a command cannot produce a correct result (e.g. NaN weights); `main` prints it and exits 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly code: CommandErrorCode;

  constructor(code: CommandErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
