/** `crossSiteGuard`: middleware refusing state-changing requests another site could send (CSRF, simple CORS). */
import type { MiddlewareHandler } from 'hono';
import { escapeForMessage } from '@openbox/safe-io';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';

/** Methods that only read; every other one (POST, PUT, DELETE, OPTIONS, …) is checked. */
const SAFE_METHODS = ['GET', 'HEAD'] as const;

/** `Sec-Fetch-Site` values that mean another site made the browser send the request. */
const FOREIGN_SITES = ['cross-site', 'same-site'] as const;

/** True when `origin` is exactly `http(s)://<host>` for the request's own `host` (same scheme-relative authority). */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    if ((o.protocol !== 'http:' && o.protocol !== 'https:') || o.origin !== origin.toLowerCase())
      return false;
    return new URL(`${o.protocol}//${host}`).host === o.host;
  } catch {
    return false;
  }
}

/**
 * For every method but GET and HEAD, in this order:
 * 1. `Sec-Fetch-Site: cross-site` or `same-site` → 403 (`cross-site`): a browser says another site sent it;
 * 2. an `Origin` header that is not this request's own origin (scheme + the already allowed `Host`), `null`
 *    included → 403 (`origin-not-allowed`);
 * 3. a media type other than `application/json` → 415 (`unsupported-media-type`). A page elsewhere can only
 *    send a JSON content type after a CORS preflight, which this server never grants, so a cross-site
 *    "simple" request (`text/plain`, a form post) never reaches a handler.
 * Register after `hostAllowlist`, so the `Host` compared with `Origin` is an allowed one.
 */
export function crossSiteGuard(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (!(SAFE_METHODS as readonly string[]).includes(method)) {
      const shown = escapeForMessage(method, 16);
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && (FOREIGN_SITES as readonly string[]).includes(site.toLowerCase()))
        throw new HttpError(403, MESSAGES.crossSite(shown, site), 'cross-site');
      const origin = c.req.header('origin');
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (origin !== undefined && !isOwnOrigin(origin, host))
        throw new HttpError(403, MESSAGES.originNotAllowed(shown, origin, host), 'origin-not-allowed');
      const type = c.req.header('content-type');
      const media = type?.split(';')[0]?.trim().toLowerCase();
      if (media !== 'application/json')
        throw new HttpError(415, MESSAGES.unsupportedMediaType(shown, type), 'unsupported-media-type');
    }
    await next();
  };
}
