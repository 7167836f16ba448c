/** `createHostPolicy`: which `Host` values the dashboard answers to (against DNS rebinding). */
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import type { AllowedHostEntry } from './allowed-host-entry.js';
import { parseHost, parseListenName } from './parse-host.js';
import type { ParsedHost } from './parse-host.js';

/** Names that always reach this machine only (plus every `*.localhost`, RFC 6761). */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Where the server listens, when known (`serveDashboard` sets it once bound). */
export interface ListenAddress {
  /** The address given to `listen`, e.g. `127.0.0.1`, `0.0.0.0`, `::1`, `my-laptop`. */
  readonly hostname: string;
  /** The bound port. */
  readonly port: number;
}

/** Checks one `Host` value. */
export interface HostPolicy {
  /** Returns the parsed host when it is allowed; throws a 400 (malformed) or 403 `HttpError` otherwise. */
  check(host: string): ParsedHost;
}

const HTTP_PORT = 80;

/**
 * Allowed: the loopback names and `*.localhost`, the listen address's name, and `allowedHosts` (each exact, or
 * `.domain` for the domain and its subdomains). For loopback and listen names the port must be the listening
 * port when it is known (no port means 80); `allowedHosts` names are accepted on any port, since a reverse
 * proxy in front may forward its own. Anything else is refused: a page on another name that resolves to this
 * machine (DNS rebinding) cannot talk to the dashboard.
 * @example createHostPolicy([], { hostname: '127.0.0.1', port: 8787 }).check('localhost:8787')
 */
export function createHostPolicy(
  allowedHosts: readonly AllowedHostEntry[],
  listen: ListenAddress | undefined,
): HostPolicy {
  const listenName = listen === undefined ? undefined : parseListenName(listen.hostname);
  const isLocal = (name: string): boolean =>
    (LOOPBACK_NAMES as readonly string[]).includes(name) ||
    name.endsWith('.localhost') ||
    name === listenName;
  const isListed = (name: string): boolean =>
    allowedHosts.some((e) => name === e.name || (e.subdomains && name.endsWith(`.${e.name}`)));
  return {
    check(host) {
      const parsed = parseHost(host);
      if (parsed === undefined) throw new HttpError(400, MESSAGES.hostMalformed(host), 'host-not-allowed');
      if (isListed(parsed.name)) return parsed;
      if (!isLocal(parsed.name)) throw new HttpError(403, MESSAGES.hostNotAllowed(host), 'host-not-allowed');
      if (listen !== undefined && (parsed.port ?? HTTP_PORT) !== listen.port)
        throw new HttpError(403, MESSAGES.hostWrongPort(host, listen.port), 'host-not-allowed');
      return parsed;
    },
  };
}
