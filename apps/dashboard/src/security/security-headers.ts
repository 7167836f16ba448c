/** `securityHeaders`: the fixed security headers set on every response (pages, API, static files, errors). */
import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy: scripts and everything else from the dashboard's own origin only, no inline
 * scripts (`'unsafe-eval'` because Vega compiles its expressions with `Function`; inline styles because
 * vega-embed sets `style` attributes), no plugins, no `<base>`, forms post to the same origin, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Every header and its value, as sent. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const satisfies Record<string, string>;

/** Sets `SECURITY_HEADERS` on `headers` (overwriting any value a handler set). */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
}

/**
 * Middleware, registered first: after every handler, error handler and not-found handler has produced its
 * response, sets the security headers on it (copying a response whose headers are immutable).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    try {
      applySecurityHeaders(c.res.headers);
    } catch {
      const copy = new Response(c.res.body, c.res);
      applySecurityHeaders(copy.headers);
      c.res = copy;
    }
  };
}
