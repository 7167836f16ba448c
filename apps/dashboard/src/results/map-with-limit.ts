/** `mapWithLimit`: `Promise.all(items.map(fn))` with at most `limit` calls in flight (no EMFILE on big folders). */

/**
 * Calls `fn` on every item, at most `limit` at a time, and resolves to the results in input order. A rejection
 * rejects the whole (callers pass functions that do not throw).
 * @example await mapWithLimit(names, 32, (n) => stat(n))
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
