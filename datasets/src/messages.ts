/** Every user-facing message of @openbox/datasets: each names the function, the argument or file, row, column. */
import { escapeForMessage } from '@openbox/safe-io';
import type { DatasetErrorLocation } from './dataset-error.js';

const MIB = 1024 * 1024;
/** Longest excerpt of a cell, label or column name quoted in a message (escaped, then cut with `…`). */
export const EXCERPT_CHARS = 40;
/** Longest file path quoted in a message. */
const PATH_CHARS = 200;
/** Most column names listed in one message. */
const LIST_NAMES = 20;

/** An untrusted cell, label or name as it may appear in a message: control characters escaped, cut short. */
export const excerpt = (text: string): string => escapeForMessage(text, EXCERPT_CHARS);
const quoteList = (names: readonly string[]): string =>
  names
    .slice(0, LIST_NAMES)
    .map((n) => `"${excerpt(n)}"`)
    .join(', ') + (names.length > LIST_NAMES ? ` and ${names.length - LIST_NAMES} more` : '');
const mib = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`;

/** `"data.csv", line 4, column "mass"`: where a CSV problem sits, as a person would look for it in an editor. */
export function where(loc: DatasetErrorLocation): string {
  const parts = [loc.file === undefined ? 'CSV text' : `"${escapeForMessage(loc.file, PATH_CHARS)}"`];
  if (loc.row !== undefined) parts.push(`line ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${excerpt(loc.column)}"`);
  return parts.join(', ');
}

export const MESSAGES = {
  invalidArgument: (fn: string, arg: string, expected: string, got: unknown) =>
    `${fn}: ${arg} must be ${expected}, got ${escapeForMessage(typeof got === 'string' ? `"${got}"` : String(got))}`,
  shapeMismatch: (fn: string, detail: string) => `${fn}: ${detail}`,
  packageData: (fn: string, pkg: string, file: string, detail: string) =>
    `${fn}: could not read "${escapeForMessage(file, PATH_CHARS)}" from the npm package "${pkg}" (${detail}); reinstall the dependencies`,

  fileTooLarge: (fn: string, file: string, size: number, max: number) =>
    `${fn}: "${escapeForMessage(file, PATH_CHARS)}" is ${size} bytes (${mib(size)}), over the limit of ${max} bytes (${mib(max)}); ` +
    `raise options.maxBytes if you really mean to load it`,
  notUtf8: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)} is not valid UTF-8 text; save the file as UTF-8 (e.g. "CSV UTF-8" in a spreadsheet)`,
  emptyFile: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)} is empty; a CSV needs a header line naming the columns and at least one data row`,
  noHeader: (fn: string, loc: DatasetErrorLocation, index: number, value: string) =>
    `${fn}: ${where(loc)}: header column ${index} is the number "${excerpt(value)}", so the first line looks like data, ` +
    `not a header; ` +
    `add a first line naming the columns, e.g. "x1,x2,label"`,
  emptyHeaderCell: (fn: string, loc: DatasetErrorLocation, index: number) =>
    `${fn}: ${where(loc)}: header column ${index} has no name; every column needs one`,
  duplicateColumn: (fn: string, loc: DatasetErrorLocation, first: number, second: number) =>
    `${fn}: ${where(loc)} is named twice in the header (columns ${first} and ${second}); rename one of them`,
  noDataRows: (fn: string, loc: DatasetErrorLocation) => `${fn}: ${where(loc)} has a header but no data rows`,
  unterminatedQuote: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)}: a quoted field opened here is never closed; add the closing '"'`,
  textAfterQuote: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)}: text follows a closing quote; write a quote inside a quoted field as ""`,
  recordTooLong: (fn: string, loc: DatasetErrorLocation, max: number) =>
    `${fn}: ${where(loc)}: a record longer than ${mib(max)} (no line end or closing quote in sight); ` +
    `this does not look like a CSV file`,
  malformedCsv: (fn: string, loc: DatasetErrorLocation, parserCode: string) =>
    `${fn}: ${where(loc)}: the CSV parser stopped (${escapeForMessage(parserCode)}); check the quoting and ` +
    `line ends near this line`,
  raggedRow: (fn: string, loc: DatasetErrorLocation, got: number, expected: number) =>
    `${fn}: ${where(loc)} has ${got} fields but the header has ${expected}; every row needs one field per column`,
  unknownTarget: (fn: string, loc: DatasetErrorLocation, target: string, columns: readonly string[]) =>
    columns.length === 1
      ? `${fn}: ${where(loc)}: options.target "${excerpt(target)}" is not a column; the first line is a single ` +
        `field of ${[...(columns[0] ?? '')].length} characters, not comma-separated column names (is this a CSV file?)`
      : `${fn}: ${where(loc)}: options.target "${excerpt(target)}" is not a column; the columns are ${quoteList(columns)}`,
  unknownFeature: (fn: string, loc: DatasetErrorLocation, feature: string, columns: readonly string[]) =>
    `${fn}: ${where(loc)}: options.features names "${excerpt(feature)}", which is not a column; ` +
    `the columns are ${quoteList(columns)}`,
  targetIsFeature: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)} is both options.target and one of options.features; a column cannot predict itself`,
  noFeatures: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)}: no feature columns are left besides the target; pass options.features or add columns`,
  emptyCell: (fn: string, loc: DatasetErrorLocation) =>
    `${fn}: ${where(loc)} is empty; fill it or remove the row (missing values are not imputed)`,
  nonNumeric: (fn: string, loc: DatasetErrorLocation, value: string) =>
    `${fn}: ${where(loc)}: "${excerpt(value)}" is not a number; feature columns must be numeric ` +
    `(leave text columns out with options.features)`,
  nonFinite: (fn: string, loc: DatasetErrorLocation, value: string) =>
    `${fn}: ${where(loc)}: "${excerpt(value)}" is not a finite 32-bit number (NaN and Infinity are not allowed); ` +
    `fix or remove the row`,
  float32Overflow: (fn: string, loc: DatasetErrorLocation, value: string) =>
    `${fn}: ${where(loc)}: "${excerpt(value)}" is not a finite 32-bit number: its magnitude is over ` +
    `3.4028235e38, the float32 maximum, so it would become Infinity; rescale the column (e.g. a smaller unit)`,
  float32Underflow: (fn: string, loc: DatasetErrorLocation, value: string) =>
    `${fn}: ${where(loc)}: "${excerpt(value)}" is nonzero but under 1.1754944e-38, the smallest normal float32, ` +
    `so it would become 0 or lose its precision; rescale the column (e.g. a larger unit)`,
  oneClass: (fn: string, loc: DatasetErrorLocation, label: string, rows: number) =>
    `${fn}: ${where(loc)}: the target has a single class ("${excerpt(label)}" in all ${rows} rows); ` +
    `a classifier needs at least 2 classes`,
  constantFeature: (fn: string, loc: DatasetErrorLocation, value: number, rows: number) =>
    `${fn}: ${where(loc)} has the same value ${value} in all ${rows} rows; a constant feature carries no ` +
    `information and cannot be standardized; leave it out with options.features`,
  featuresRequired: (fn: string, got: string) =>
    `${fn}: options.features must name the columns to read (at least one, in the order wanted; a feature ` +
    `table has no default columns), got ${got}`,
} as const;
