/** `hostAllowlist`: middleware refusing requests whose `Host` is not one the dashboard answers to. */
import type { MiddlewareHandler } from 'hono';
import type { HostPolicy } from './host-policy.js';

/**
 * Checks the `Host` header and the host of the request URL (they differ for an absolute-form request target,
 * `GET http://other/ HTTP/1.1`) against `policy`; a refused one throws the policy's 400/403 `HttpError`, which
 * the app answers as JSON on `/api` and `/static`, as an HTML page elsewhere. Requests built without a `Host`
 * header (`app.request('/')` in tests) are checked by their URL alone.
 */
export function hostAllowlist(policy: HostPolicy): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('host');
    if (header !== undefined) policy.check(header);
    policy.check(new URL(c.req.url).host);
    await next();
  };
}
