/** Validation of the ids that come from URLs: bad syntax is a 400, never a filesystem lookup. */
import { EXPERIMENT_ID_PATTERN, RUN_ID_PATTERN } from '@openbox/suite';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';

/** Chart ids, artifact file names and dataset names: a safe single path segment (no `/`, `\`, leading dot). */
export const NAME_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,120}$/;

/** The patterns of every URL parameter. */
export const PARAM_PATTERNS = {
  runId: RUN_ID_PATTERN,
  id: EXPERIMENT_ID_PATTERN,
  chartId: NAME_PATTERN,
  file: NAME_PATTERN,
  dataset: NAME_PATTERN,
  /** The position of a comparison in `verdict.evidence`: a decimal integer without leading zeros. */
  evidenceIndex: /^(?:0|[1-9][0-9]{0,3})$/,
} as const satisfies Record<string, RegExp>;
export type ParamName = keyof typeof PARAM_PATTERNS;

/** Returns `value` when it matches the parameter's pattern (and has no `..`); throws a 400 `HttpError` otherwise. */
export function checkParam(name: ParamName, value: string | undefined): string {
  const pattern = PARAM_PATTERNS[name];
  if (value === undefined || !pattern.test(value) || value.includes('..')) {
    throw new HttpError(400, MESSAGES.badParam(name, String(pattern)), 'bad-param');
  }
  return value;
}
