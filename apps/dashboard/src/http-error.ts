/** `HttpError`: thrown by handlers, turned into a JSON `{ error }` response with its status by the app. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error with an HTTP status; `createDashboardApp`'s error handler answers `{ error: message }` with it. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}
