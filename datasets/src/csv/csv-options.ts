/** Options of the CSV loader, documented once with their defaults and resolved once. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** Default `maxBytes`: 50 MiB. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Options of `loadCsv` and `parseCsv`. */
export interface CsvOptions {
  /** Name of the target (class) column in the header. Required. */
  target: string;
  /** Feature columns, in this order. Default: every column except the target, in file order. */
  features?: readonly string[];
  /** Largest file accepted, in bytes. Default `DEFAULT_MAX_BYTES` (50 MiB). */
  maxBytes?: number;
}

/** `CsvOptions` with every default filled in. */
export interface ResolvedCsvOptions {
  readonly target: string;
  readonly features: readonly string[] | undefined;
  readonly maxBytes: number;
}

/** Checks `options` and fills defaults; `fn` names the calling function in errors. */
export function resolveCsvOptions(options: CsvOptions, fn: string): ResolvedCsvOptions {
  if (options === null || typeof options !== 'object') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, 'options', 'an object', options));
  }
  if (typeof options.target !== 'string' || options.target.trim() === '') {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.target', 'a column name', options.target),
    );
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.maxBytes', 'a positive number of bytes', maxBytes),
    );
  }
  if (options.features !== undefined && !Array.isArray(options.features)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.features', 'an array of column names', options.features),
    );
  }
  return { target: options.target.trim(), features: options.features?.map((f) => f.trim()), maxBytes };
}
