/** `ReadOptions` of the readers, resolved once into a complete internal type. */
import { MESSAGES } from './messages.js';
import { SafeIoError } from './safe-io-error.js';

/** Options of {@link readRegularFile}, {@link readRegularFileSync} and {@link openRegularFile}. */
export interface ReadOptions {
  /** The most bytes read; a larger file, or one that grows past it while read, is a `too-large` error. */
  readonly maxBytes: number;
  /** A read that stalls longer than this is a `read-timeout` error. Default 10,000 ms (async readers only). */
  readonly timeoutMs?: number;
  /** What the file is, for messages: `'CSV file'`, `'model.json'`. Default `'file'`. */
  readonly what?: string;
  /** Appended to the `too-large` message, e.g. `'raise it with --max-bytes'`. */
  readonly hint?: string;
  /** The function named in messages. Default the reader's own name. */
  readonly caller?: string;
}

export interface ResolvedReadOptions {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly what: string;
  readonly hint: string | undefined;
  readonly caller: string;
}

export const READ_DEFAULTS = { timeoutMs: 10_000, what: 'file' } as const;

export function resolveReadOptions(fn: string, path: unknown, options: ReadOptions): ResolvedReadOptions {
  const caller = options?.caller ?? fn;
  if (typeof path !== 'string' || path === '' || path.includes('\0'))
    throw new SafeIoError(
      'invalid-argument',
      MESSAGES.invalidArgument(caller, 'path', 'a non-empty path without NUL', path),
      String(path),
    );
  const resolved = { ...READ_DEFAULTS, hint: undefined, caller, ...options };
  if (!Number.isSafeInteger(resolved.maxBytes) || resolved.maxBytes < 0)
    throw new SafeIoError(
      'invalid-argument',
      MESSAGES.invalidArgument(caller, 'options.maxBytes', 'an integer >= 0', resolved.maxBytes),
      path,
    );
  if (!Number.isFinite(resolved.timeoutMs) || resolved.timeoutMs <= 0)
    throw new SafeIoError(
      'invalid-argument',
      MESSAGES.invalidArgument(caller, 'options.timeoutMs', 'a positive number', resolved.timeoutMs),
      path,
    );
  return resolved;
}
