/** `parseHost`: a `Host` header (or a listen address) split into a canonical name and an optional port. */

/** A host as the allowlist compares it: lower-case name (IPv6 in brackets, canonical form) and port if given. */
export interface ParsedHost {
  /** e.g. `localhost`, `127.0.0.1`, `[::1]`, `dash.example.org` (no trailing dot). */
  readonly name: string;
  readonly port?: number;
}

const HOST = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?))(?::(\d{1,5}))?$/i;

/**
 * Parses `name[:port]` or `[ipv6][:port]` strictly: only letters, digits, `-`, `_` and dots in names (so no
 * userinfo, path, spaces or percent-encoding), a port in 1–65535. The name is lower-cased, a trailing dot
 * dropped (`localhost.` is `localhost`), an IPv6 address written canonically (`[0:0::1]` is `[::1]`).
 * Returns `undefined` for anything else.
 * @example parseHost('LocalHost:8787') // { name: 'localhost', port: 8787 }
 */
export function parseHost(value: string): ParsedHost | undefined {
  const m = HOST.exec(value);
  if (m === null) return undefined;
  const [, ipv6, name, portText] = m;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  let canonical: string;
  if (ipv6 !== undefined) {
    try {
      canonical = new URL(`http://[${ipv6}]/`).hostname;
    } catch {
      return undefined;
    }
  } else {
    canonical = (name ?? '').toLowerCase().replace(/\.$/, '');
  }
  return port === undefined ? { name: canonical } : { name: canonical, port };
}

/**
 * The canonical name of a listen address as given to `server.listen` (`'::1'` → `[::1]`, `'LOCALHOST'` →
 * `localhost`); `undefined` when it is not a plain host name or IP address.
 */
export function parseListenName(hostname: string): string | undefined {
  const bracketed = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  const parsed = parseHost(bracketed);
  return parsed?.port === undefined ? parsed?.name : undefined;
}
