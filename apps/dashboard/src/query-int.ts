/** `queryInt`: an integer query parameter, validated (a bad value is a 400 naming the parameter). */
import type { Context } from 'hono';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** The range and default of one integer parameter. */
export interface QueryIntSpec {
  readonly min: number;
  readonly max: number;
  /** Used when the parameter is absent. */
  readonly fallback: number;
}

/**
 * Reads `?name=` as a decimal integer in `[min, max]`: digits only (no sign, exponent, spaces or hex, at most 9
 * digits), given at most once. Absent → `fallback`; anything else → a 400 `HttpError` (`bad-query`) naming
 * the parameter, the range and the value.
 * @example queryInt(c, 'limit', { min: 1, max: 500, fallback: 50 })
 */
export function queryInt(c: Context, name: string, spec: QueryIntSpec): number {
  const values = c.req.queries(name) ?? [];
  if (values.length === 0) return spec.fallback;
  if (values.length > 1) throw new HttpError(400, MESSAGES.repeatedQuery(name), 'bad-query');
  const raw = values[0] ?? '';
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= spec.min && n <= spec.max)) {
    throw new HttpError(
      400,
      MESSAGES.badQuery(name, `an integer in [${spec.min}, ${spec.max}]`, raw),
      'bad-query',
    );
  }
  return n;
}
