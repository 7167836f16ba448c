/** `DashboardOptions` and their resolution into a complete internal type (defaults applied once). */
import path from 'node:path';
import type { LiveOptions } from './live/live-types.js';
import { MESSAGES } from './messages.js';
import { parseAllowedHost } from './security/allowed-host-entry.js';
import type { AllowedHostEntry } from './security/allowed-host-entry.js';
import type { ListenAddress } from './security/host-policy.js';

/** Options of `createDashboardApp`. */
export interface DashboardOptions {
  /** The folder holding `<run-id>/manifest.json` runs (the suite's `--out`). Listed again when it changes. */
  readonly resultsDir: string;
  /** The live model; without it the Live page says it is unavailable and `POST /api/live/digit` answers 501. */
  readonly live?: LiveOptions;
  /** Largest request body accepted on `/api/*`, in bytes; larger ones get 413. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Extra `Host` names the dashboard answers to besides localhost, 127.0.0.1, [::1], `*.localhost` and the
   * listen address: exact names or IP addresses (`dash.lan`, `192.168.1.20`), or `.example.org` for a domain
   * and its subdomains; on any port. Requests naming any other host get 403 (DNS rebinding). Default none.
   * The CLI passes `--allowed-host` here.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Where the server listens; `serveDashboard` sets it. Its name is allowed as a `Host`, and loopback or
   * listen-name `Host`s must carry its port. Without it (e.g. `app.request()` in tests) any port is accepted.
   */
  readonly listen?: ListenAddress;
}

/** Defaults of the optional fields. */
export const DASHBOARD_DEFAULTS = { maxBodyBytes: 64 * 1024, allowedHosts: [] } as const satisfies Pick<
  Required<DashboardOptions>,
  'maxBodyBytes' | 'allowedHosts'
>;

/** Options with defaults applied, `resultsDir` made absolute and `allowedHosts` parsed. */
export interface ResolvedDashboardOptions {
  readonly resultsDir: string;
  readonly live: LiveOptions | undefined;
  readonly maxBodyBytes: number;
  readonly allowedHosts: readonly AllowedHostEntry[];
  readonly listen: ListenAddress | undefined;
}

const FN = 'createDashboardApp';

/** Applies defaults and checks the values (a bad option throws at startup, naming it and the value). */
export function resolveDashboardOptions(options: DashboardOptions): ResolvedDashboardOptions {
  // 1. The results folder and the body limit.
  if (typeof options.resultsDir !== 'string' || options.resultsDir === '') {
    throw new Error(MESSAGES.badResultsDir(String(options.resultsDir), 'must be a non-empty path'));
  }
  const maxBodyBytes = options.maxBodyBytes ?? DASHBOARD_DEFAULTS.maxBodyBytes;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new Error(MESSAGES.badOption(FN, 'options.maxBodyBytes', 'a positive integer', maxBodyBytes));
  }
  // 2. The live model.
  if (options.live !== undefined && typeof options.live.predict !== 'function') {
    throw new Error(
      MESSAGES.badOption(FN, 'options.live.predict', 'a function', typeof options.live.predict),
    );
  }
  // 3. Hosts: every entry a plain name, IP address or `.domain`; the listen address a name and a port.
  const hosts = options.allowedHosts ?? DASHBOARD_DEFAULTS.allowedHosts;
  if (!Array.isArray(hosts)) {
    throw new Error(MESSAGES.badOption(FN, 'options.allowedHosts', 'an array of host names', hosts));
  }
  const allowedHosts = hosts.map((h: unknown, i) => {
    const entry = typeof h === 'string' ? parseAllowedHost(h) : undefined;
    if (entry === undefined) {
      throw new Error(
        MESSAGES.badOption(
          FN,
          `options.allowedHosts[${i}]`,
          "a host name or IP address without scheme, port or path (or '.domain' for its subdomains)",
          h,
        ),
      );
    }
    return entry;
  });
  const listen = options.listen;
  if (
    listen !== undefined &&
    (typeof listen.hostname !== 'string' ||
      !Number.isInteger(listen.port) ||
      listen.port < 1 ||
      listen.port > 65535)
  ) {
    throw new Error(MESSAGES.badOption(FN, 'options.listen', '{ hostname, port in [1, 65535] }', listen));
  }
  return {
    resultsDir: path.resolve(options.resultsDir),
    live: options.live,
    maxBodyBytes,
    allowedHosts,
    listen,
  };
}
