/**
 * `scheduleOrder`: the order the pool hands experiments out — longest first (LPT scheduling: with n jobs on m
 * workers the makespan is at most 4/3 of the optimum, and the last job to finish is a short one). Each id's length
 * is its `durationMs` in the newest previous run of the same budget in the results folder, else the pool module's
 * static estimate, else unknown; unknown ids keep their registry order after the known ones.
 */
import { existsSync } from 'node:fs';
import type { Manifest } from '../results-format.js';
import { listRuns } from '../read-results.js';

/**
 * Durations by id from the newest run in `out` with this `quick` flag (none when there is no such run or `out` cannot
 * be read).
 * @example previousDurations('results', true).get('unimodality') // 9912
 */
export function previousDurations(out: string, quick: boolean): ReadonlyMap<string, number> {
  if (!existsSync(out)) return new Map();
  let runs: Manifest[];
  try {
    runs = listRuns(out);
  } catch {
    return new Map();
  }
  const newest = runs
    .filter((m) => m.quick === quick)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return new Map((newest?.experiments ?? []).map((e) => [e.id, e.durationMs]));
}

/**
 * `ids` sorted by decreasing duration (`previous`, else `estimates`); ties and unknown ids keep their given order.
 * @example scheduleOrder(['a', 'b', 'c'], new Map([['b', 9]]), { a: 5 }) // ['b', 'a', 'c']
 */
export function scheduleOrder(
  ids: readonly string[],
  previous: ReadonlyMap<string, number>,
  estimates: Readonly<Record<string, number>> = {},
): string[] {
  const length = (id: string) => previous.get(id) ?? estimates[id] ?? -1;
  return ids
    .map((id, index) => ({ id, index, ms: length(id) }))
    .sort((a, b) => b.ms - a.ms || a.index - b.index)
    .map(({ id }) => id);
}
