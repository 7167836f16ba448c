/** Options of the feature-table CSV readers (`loadFeatureCsv`, `parseFeatureCsv`), resolved once. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { resolveMaxBytes, type ResolvedCsvOptions } from './csv-options.js';

/** Options of `loadFeatureCsv` and `parseFeatureCsv`. */
export interface FeatureCsvOptions {
  /** The columns to read, in this order; every other column is ignored (not even parsed). Required, ≥ 1 name. */
  features: readonly string[];
  /** Largest file (or text, in UTF-8 bytes) accepted; raise or lower it at will. Default `DEFAULT_MAX_BYTES` (1 GiB). */
  maxBytes?: number;
}

/**
 * Checks `options` (an object; `features` a non-empty array of strings, trimmed; `maxBytes` a positive whole
 * number, default `DEFAULT_MAX_BYTES`) into the record consumer's options with no target; `fn` names the caller.
 * @example resolveFeatureCsvOptions({ features: [' a', 'b'] }, 'loadFeatureCsv') // { target: undefined, features: ['a', 'b'], maxBytes: 1073741824 }
 */
export function resolveFeatureCsvOptions(options: FeatureCsvOptions, fn: string): ResolvedCsvOptions {
  if (options === null || typeof options !== 'object') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, 'options', 'an object', options));
  }
  const { features } = options;
  if (features === undefined || (Array.isArray(features) && features.length === 0)) {
    const got = features === undefined ? 'nothing' : 'an empty array';
    throw new DatasetError('invalid-argument', MESSAGES.featuresRequired(fn, got));
  }
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.features', 'an array of column names', features),
    );
  }
  const maxBytes = resolveMaxBytes(options.maxBytes, fn);
  return { target: undefined, features: features.map((f) => f.trim()), maxBytes };
}
