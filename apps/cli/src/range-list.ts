/** Channel-style range lists (`0-7,9`): parsed into merged `[lo, hi]` pairs without expanding, expanded after a bound check. */
import { escapeForMessage } from '@openbox/safe-io';
import type { RangeListSpec } from './args.js';
import { UsageError } from './errors.js';
import { MESSAGES } from './messages.js';

/** Largest number a range list accepts when its spec sets no `max`. */
export const RANGE_LIST_MAX = 2 ** 31 - 1;
/** Longest range-list text accepted. */
export const RANGE_LIST_MAX_LENGTH = 4096;

/** A parsed range list: sorted, disjoint, non-adjacent `[lo, hi]` pairs (inclusive) and how many values they hold. */
export interface RangeList {
  /** The option it came from, without `--`. */
  readonly option: string;
  readonly ranges: readonly (readonly [number, number])[];
  /** Number of distinct values, Σ (hi − lo + 1). */
  readonly count: number;
}

const PART = /^(0|[1-9][0-9]*)(?:\s*-\s*(0|[1-9][0-9]*))?$/;

/**
 * Parses `text` ("0-7", "0,3,5-6") into a {@link RangeList}: every number ≤ `spec.max`, `lo ≤ hi`, at most
 * `spec.maxCount` distinct values; overlapping or repeated parts are merged. Nothing is expanded, so
 * `0-999999999` costs as little as `0-7` and fails the count check.
 */
export function parseRangeList(name: string, spec: RangeListSpec, text: string): RangeList {
  const max = spec.max ?? RANGE_LIST_MAX;
  if (text.length > RANGE_LIST_MAX_LENGTH) {
    throw new UsageError(
      'invalid-value',
      MESSAGES.tooLong(name, RANGE_LIST_MAX_LENGTH, escapeForMessage(text)),
      name,
    );
  }
  // 1. Parts → [lo, hi] pairs.
  const pairs: [number, number][] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = PART.exec(part);
    if (m === null) {
      const message = MESSAGES.invalidRangePart(name, escapeForMessage(part), escapeForMessage(text));
      throw new UsageError('invalid-value', message, name);
    }
    const [lo, hi] = [m[1]!, m[2] ?? m[1]!].map((digits) => (digits.length > 15 ? Infinity : Number(digits)));
    if (lo! > max || hi! > max) {
      throw new UsageError(
        'invalid-value',
        MESSAGES.rangeValueTooLarge(name, max, escapeForMessage(part)),
        name,
      );
    }
    if (hi! < lo!)
      throw new UsageError('invalid-value', MESSAGES.backwardsRange(name, escapeForMessage(part)), name);
    pairs.push([lo!, hi!]);
  }
  // 2. Sort and merge overlapping or adjacent pairs; count.
  pairs.sort((a, b) => a[0] - b[0]);
  const ranges: [number, number][] = [];
  for (const [lo, hi] of pairs) {
    const last = ranges.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else ranges.push([lo, hi]);
  }
  const count = ranges.reduce((sum, [lo, hi]) => sum + hi - lo + 1, 0);
  if (count > spec.maxCount) {
    throw new UsageError(
      'invalid-value',
      MESSAGES.tooManyInRange(name, count, spec.maxCount, escapeForMessage(text)),
      name,
    );
  }
  return { option: name, ranges, count };
}

/** What a range list is checked against at run time. */
export interface RangeBound {
  /** Values must be below this (exclusive). */
  readonly limit: number;
  /** Whose values they are, e.g. `layer 'c1'`. */
  readonly owner: string;
  /** What they are, e.g. `channels`. */
  readonly unit: string;
}

/** A range list spanning `0..count−1` (a default), without going through text. */
export function rangeListOf(option: string, count: number): RangeList {
  return { option, ranges: count > 0 ? [[0, count - 1]] : [], count: Math.max(0, count) };
}

/**
 * Checks every value of `list` is below `bound.limit` (e.g. a layer's channel count; `owner` and `unit` word it
 * as "layer 'c1' has channels 0..5"), then expands it into sorted distinct numbers. Throws a {@link UsageError}
 * naming the parts out of range, before anything is allocated.
 * @example expandRangeList(list, { limit: 6, owner: "layer 'c1'", unit: 'channels' }) // [0, 2, 3]
 */
export function expandRangeList(list: RangeList, bound: RangeBound): number[] {
  const { limit, owner, unit } = bound;
  const outside = list.ranges.filter(([, hi]) => hi >= limit);
  if (outside.length > 0) {
    const parts = outside.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(', ');
    throw new UsageError(
      'out-of-range',
      MESSAGES.rangeOutOfBounds(list.option, parts, owner, unit, limit),
      list.option,
    );
  }
  const values: number[] = [];
  for (const [lo, hi] of list.ranges) for (let v = lo; v <= hi; v++) values.push(v);
  return values;
}

/**
 * Sorted distinct numbers written back as a range list: `[0, 1, 2, 5]` → `'0-2,5'`.
 * @example formatRanges([3, 4, 5, 9]) // '3-5,9'
 */
export function formatRanges(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    parts.push(i === j ? String(values[i]) : `${values[i]}-${values[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
