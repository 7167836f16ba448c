/** Options of the CSV loader, documented once with their defaults and resolved once. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/**
 * Default `maxBytes`: 1 GiB. The cap is there to refuse a device, a wrong path or a runaway file early; the loader
 * streams, so memory follows the table (4 bytes a feature cell), not the file size.
 */
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

/** Options of `loadCsv` and `parseCsv`. */
export interface CsvOptions {
  /** Name of the target (class) column in the header. Required. */
  target: string;
  /** Feature columns, in this order. Default: every column except the target, in file order. */
  features?: readonly string[];
  /** Largest file (or text, in UTF-8 bytes) accepted; raise or lower it at will. Default `DEFAULT_MAX_BYTES` (1 GiB). */
  maxBytes?: number;
}

/** `CsvOptions` (or `FeatureCsvOptions`) with every default filled in. */
export interface ResolvedCsvOptions {
  /** The class column; `undefined` for a feature table (`loadFeatureCsv`), which has none. */
  readonly target: string | undefined;
  readonly features: readonly string[] | undefined;
  readonly maxBytes: number;
}

/** Checks `options` and fills defaults; `fn` names the calling function in errors. */
export function resolveCsvOptions(
  options: CsvOptions,
  fn: string,
): ResolvedCsvOptions & { readonly target: string } {
  if (options === null || typeof options !== 'object') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, 'options', 'an object', options));
  }
  if (typeof options.target !== 'string' || options.target.trim() === '') {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.target', 'a column name', options.target),
    );
  }
  const maxBytes = resolveMaxBytes(options.maxBytes, fn);
  if (
    options.features !== undefined &&
    (!Array.isArray(options.features) || options.features.some((f) => typeof f !== 'string'))
  ) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.features', 'an array of column names', options.features),
    );
  }
  return { target: options.target.trim(), features: options.features?.map((f) => f.trim()), maxBytes };
}

/** `options.maxBytes` checked (a positive safe integer), default `DEFAULT_MAX_BYTES`; shared by every CSV reader. */
export function resolveMaxBytes(value: number | undefined, fn: string): number {
  const maxBytes = value ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.maxBytes', 'a positive whole number of bytes', maxBytes),
    );
  }
  return maxBytes;
}
