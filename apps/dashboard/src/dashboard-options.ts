/** `DashboardOptions` and their resolution into a complete internal type (defaults applied once). */
import path from 'node:path';
import type { LiveOptions } from './live/live-types.js';
import { MESSAGES } from './messages.js';

/** Options of `createDashboardApp`. */
export interface DashboardOptions {
  /** The folder holding `<run-id>/manifest.json` runs (the suite's `--out`). Read on every request. */
  readonly resultsDir: string;
  /** The live model; without it the Live page says it is unavailable and `POST /api/live/digit` answers 501. */
  readonly live?: LiveOptions;
  /** Largest request body accepted on `/api/*`, in bytes; larger ones get 413. Default 64 KiB. */
  readonly maxBodyBytes?: number;
}

/** Defaults of the optional fields. */
export const DASHBOARD_DEFAULTS = { maxBodyBytes: 64 * 1024 } as const satisfies Pick<
  Required<DashboardOptions>,
  'maxBodyBytes'
>;

/** Options with defaults applied and `resultsDir` made absolute. */
export type ResolvedDashboardOptions = Required<Omit<DashboardOptions, 'live'>> &
  Pick<DashboardOptions, 'live'>;

/** Applies defaults and checks the values (a bad option throws at startup, naming it). */
export function resolveDashboardOptions(options: DashboardOptions): ResolvedDashboardOptions {
  const resolved = { ...DASHBOARD_DEFAULTS, ...options, resultsDir: path.resolve(options.resultsDir ?? '') };
  if (typeof options.resultsDir !== 'string' || options.resultsDir === '') {
    throw new Error(MESSAGES.badResultsDir(String(options.resultsDir), 'must be a non-empty path'));
  }
  if (!Number.isInteger(resolved.maxBodyBytes) || resolved.maxBodyBytes <= 0) {
    throw new Error(
      MESSAGES.badOption(
        'createDashboardApp',
        'options.maxBodyBytes',
        'a positive integer',
        resolved.maxBodyBytes,
      ),
    );
  }
  if (options.live !== undefined && typeof options.live.predict !== 'function') {
    throw new Error(
      MESSAGES.badOption(
        'createDashboardApp',
        'options.live.predict',
        'a function',
        typeof options.live.predict,
      ),
    );
  }
  return resolved;
}
