/** Run ids: `<UTC time to the second>-seed<N>-<6 random hex chars>`, distinct even for two same-seed runs in one second. */
import { randomBytes } from 'node:crypto';

/**
 * A new run id such as `2026-11-25T21-04-05Z-seed0-3fa9c1`: the UTC time to the second (`:` replaced by `-`, so it
 * is a valid folder name on every OS), the seed, and 24 random bits from `crypto` — not from the seeded generator,
 * which would give two same-seed runs the same suffix. Sorting ids sorts runs by time.
 * @example newRunId(new Date('2026-11-25T21:04:05.123Z'), 0) // '2026-11-25T21-04-05Z-seed0-' + 6 hex chars
 */
export function newRunId(date: Date, seed: number): string {
  const stamp = date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `${stamp}-seed${seed}-${randomBytes(3).toString('hex')}`;
}
