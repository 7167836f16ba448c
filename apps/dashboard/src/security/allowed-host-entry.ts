/** `parseAllowedHost`: one `allowedHosts` entry — a host name or IP address, or `.domain` for it and its subdomains. */
import { parseHost } from './parse-host.js';

/** An `allowedHosts` entry, parsed. */
export interface AllowedHostEntry {
  /** Canonical name (see `parseHost`), without the leading dot. */
  readonly name: string;
  /** True for `.example.org`: the name itself and every `*.example.org`. */
  readonly subdomains: boolean;
}

/**
 * Parses `dash.example.org`, `192.168.1.20`, `[fd00::1]`, `::1` or `.example.org`; `undefined` for anything
 * else (a port, a scheme, a path, a wildcard `*`, an empty string).
 * @example parseAllowedHost('.example.org') // { name: 'example.org', subdomains: true }
 */
export function parseAllowedHost(entry: string): AllowedHostEntry | undefined {
  const subdomains = entry.startsWith('.');
  const raw = subdomains ? entry.slice(1) : entry;
  const bracketed = raw.includes(':') && !raw.startsWith('[') ? `[${raw}]` : raw;
  const parsed = parseHost(bracketed);
  if (parsed === undefined || parsed.port !== undefined || parsed.name === '') return undefined;
  if (subdomains && parsed.name.startsWith('[')) return undefined;
  return { name: parsed.name, subdomains };
}
