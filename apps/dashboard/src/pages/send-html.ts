/** `sendHtml`: an HTML response whose body is a plain string (the server's fast path). */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Html } from './layout.js';

/**
 * `c.html(content, status)` after turning hono's `HtmlEscapedString` (a `String` object, or a promise of one)
 * into a primitive string: `@hono/node-server` writes a response with a string body straight to the socket,
 * while any other body is copied into a web `Response` and streamed — twice the work per page view.
 * @example return sendHtml(c, layout(opts, overviewPage(m, results, 1)));
 */
export async function sendHtml(c: Context, content: Html, status?: ContentfulStatusCode): Promise<Response> {
  const text = String(await content);
  return status === undefined ? c.html(text) : c.html(text, status);
}
