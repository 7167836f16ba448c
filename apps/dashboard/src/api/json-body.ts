/** JSON responses whose serialized text is cached per object: parsed results are reused while their file is unchanged. */
import type { Context } from 'hono';

const serialized = new WeakMap<object, Uint8Array<ArrayBuffer>>();

/**
 * Respond with `value` as JSON. The results store hands out the same parsed object until its file changes, so the
 * text is computed once per file version (a result with image galleries is about a megabyte of JSON).
 */
export function jsonBody(c: Context, value: object): Response {
  let bytes = serialized.get(value);
  if (bytes === undefined) {
    bytes = new TextEncoder().encode(JSON.stringify(value));
    serialized.set(value, bytes);
  }
  return c.body(bytes, 200, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': String(bytes.byteLength),
  });
}
