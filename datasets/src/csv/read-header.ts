/** `readHeader`: the header record → column names, the target's index and the feature columns' indices. */
import { DatasetError, type DatasetErrorLocation } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { ResolvedCsvOptions } from './csv-options.js';
import { parseCell } from './parse-cell.js';

/** The columns of a CSV and the ones the loader reads. */
export interface CsvHeader {
  readonly columns: readonly string[];
  /** Index of the target column; -1 when there is none (a feature table). */
  readonly targetIndex: number;
  readonly featureIndices: readonly number[];
}

/**
 * Checks the header fields (trimmed; non-empty, not numbers — a numeric first line means the header is missing —
 * and distinct) and resolves `options.target` and `options.features` (default: every column but the target) to
 * indices; without a target (`options.target` undefined, a feature table) `targetIndex` is -1. `loc` is the
 * header's file and line, for messages.
 * @example readHeader('parseCsv', ['a', 'y', 'b'], opts, { row: 1 }) // { columns, targetIndex: 1, featureIndices: [0, 2] }
 */
export function readHeader(
  fn: string,
  fields: readonly string[],
  opts: ResolvedCsvOptions,
  loc: DatasetErrorLocation,
): CsvHeader {
  const { columns, index } = checkNames(fn, fields, loc);
  const targetIndex = opts.target === undefined ? -1 : (index.get(opts.target) ?? -1);
  if (opts.target !== undefined && targetIndex < 0) {
    throw new DatasetError('unknown-target', MESSAGES.unknownTarget(fn, loc, opts.target, columns), {
      ...loc,
      column: opts.target,
    });
  }
  const names = opts.features ?? columns.filter((_, i) => i !== targetIndex);
  const featureIndices = names.map((name) => {
    const i = index.get(name) ?? -1;
    const at = { ...loc, column: name };
    if (i < 0) throw new DatasetError('unknown-feature', MESSAGES.unknownFeature(fn, loc, name, columns), at);
    if (i === targetIndex) throw new DatasetError('target-is-feature', MESSAGES.targetIsFeature(fn, at), at);
    return i;
  });
  if (featureIndices.length === 0) throw new DatasetError('no-features', MESSAGES.noFeatures(fn, loc), loc);
  const dup = names.find((n, i) => names.indexOf(n, i + 1) > i);
  if (dup !== undefined) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.features', 'distinct column names', `"${dup}" twice`),
    );
  }
  return { columns, targetIndex, featureIndices };
}

/** Header names, trimmed, and each one's index; rejects a numeric first line, empty names and duplicates. */
function checkNames(
  fn: string,
  fields: readonly string[],
  loc: DatasetErrorLocation,
): { columns: string[]; index: Map<string, number> } {
  const names = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '')
      throw new DatasetError('empty-header-cell', MESSAGES.emptyHeaderCell(fn, loc, i + 1), loc);
    const cell = parseCell(name);
    if (typeof cell === 'number' || cell === 'float32-overflow' || cell === 'float32-underflow') {
      throw new DatasetError('no-header', MESSAGES.noHeader(fn, loc, i + 1, name), loc);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      const at = { ...loc, column: name };
      throw new DatasetError('duplicate-column', MESSAGES.duplicateColumn(fn, at, first + 1, i + 1), at);
    }
    seen.set(name, i);
  });
  return { columns: names, index: seen };
}
