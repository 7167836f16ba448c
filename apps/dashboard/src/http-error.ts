/** `HttpError`: thrown by handlers, turned into a JSON `{ error, code }` response with its status by the app. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable reasons the dashboard refuses a request (sent as `code` beside `error`). */
export const HTTP_ERROR_CODES = [
  'bad-request',
  'bad-param',
  'bad-query',
  'not-found',
  'body-too-large',
  'host-not-allowed',
  'cross-site',
  'origin-not-allowed',
  'unsupported-media-type',
  'live-disabled',
  'live-bad-input',
  'live-busy',
  'live-timeout',
  'live-failed',
  'internal',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** An error with an HTTP status; `createDashboardApp`'s error handler answers `{ error: message, code }` with it. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly code: HttpErrorCode,
  ) {
    super(message);
  }
}
