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
/** A file or folder path as messages quote it: escaped, cut at 200 characters. */
const q = (path: string): string => `"${escapeForMessage(path, PATH_CHARS)}"`;
/** A size as messages give it: width × height. */
const wh = (width: number, height: number): string => `${width}×${height}`;
/** The image file extensions an image folder may hold. */
const IMAGE_EXTENSIONS = '.png, .jpg and .jpeg (any case)';

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

  // Users' own images
  unsupportedImage: (
    fn: string,
    file: string,
    kind: string | undefined,
    head: string,
    png: string,
    jpeg: string,
  ) =>
    `${fn}: ${q(file)} is ${kind === undefined ? 'not a PNG or JPEG image' : `${kind}, not a PNG or JPEG`}: its first ` +
    `bytes are ${head}; supported are PNG (starting ${png}) and JPEG (starting ${jpeg}), told apart by these bytes ` +
    `whatever the file name says${kind === undefined ? '' : '; convert it to PNG'}`,
  unsupportedJpeg: (fn: string, file: string, kind: string) =>
    `${fn}: ${q(file)} is a ${kind} JPEG, which jpeg-js cannot decode (8-bit baseline and progressive JPEGs are ` +
    `supported); re-save it as an ordinary JPEG or as PNG`,
  unsupportedPng: (fn: string, file: string, kind: string) =>
    `${fn}: ${q(file)} is ${kind}, which fast-png cannot decode; re-save it without interlacing (or at 8 bits)`,
  corruptImage: (fn: string, file: string, format: string, detail: string) =>
    `${fn}: ${q(file)} is a corrupt ${format} (${escapeForMessage(detail, 160)}); re-export the image or remove it`,
  truncatedImage: (fn: string, file: string, format: string, detail: string) =>
    `${fn}: ${q(file)} is a truncated ${format}: ${detail}, so the file was cut short (an interrupted copy or ` +
    `download?); re-export the image or remove it`,
  emptyImage: (fn: string, file: string, width: number, height: number) =>
    `${fn}: ${q(file)} is ${wh(width, height)} pixels (width × height), an empty image; an image needs at least 1×1`,
  imageTooLarge: (fn: string, file: string, width: number, height: number, max: number) =>
    `${fn}: ${q(file)} is ${wh(width, height)} = ${width * height} pixels, over the limit of ${max} ` +
    `(options.maxPixels); shrink it first, or raise the limit if you mean it`,
  folderMissing: (fn: string, dir: string) => `${fn}: image folder ${q(dir)} does not exist`,
  folderUnreadable: (fn: string, dir: string, reason: string) =>
    `${fn}: cannot read the folder ${q(dir)}: ${escapeForMessage(reason, 160)}`,
  notAFolder: (fn: string, dir: string) =>
    `${fn}: ${q(dir)} is not a folder; pass a folder with one sub-folder of images per class (e.g. cat/, dog/)`,
  noClasses: (fn: string, dir: string) =>
    `${fn}: ${q(dir)} has no class folders; an image folder has one sub-folder per class, named after it ` +
    `(e.g. cat/1.png, dog/1.png)`,
  oneClassFolder: (fn: string, dir: string, name: string) =>
    `${fn}: one class: ${q(dir)} has the single class folder "${excerpt(name)}"; a classifier's image folder needs ` +
    `at least two class folders`,
  emptyClass: (fn: string, folder: string) =>
    `${fn}: class folder ${q(folder)} has no images (${IMAGE_EXTENSIONS}); add images or remove the folder`,
  imageAtTopLevel: (fn: string, file: string) =>
    `${fn}: ${q(file)} is an image at the top level of the image folder; put each image in a sub-folder named ` +
    `after its class`,
  unexpectedFile: (fn: string, file: string) =>
    `${fn}: ${q(file)} is not an image file: the allowed extensions are ${IMAGE_EXTENSIONS}; remove it or move it ` +
    `out of the image folder`,
  linkInFolder: (fn: string, path: string) =>
    `${fn}: ${q(path)} is a symbolic link; image folders are read without following links; copy the file or ` +
    `folder in instead`,
  specialFile: (fn: string, path: string, kind: string) =>
    `${fn}: ${q(path)} is ${kind}, not a regular file or folder; only regular files are read`,
  tooDeep: (fn: string, path: string, max: number) =>
    `${fn}: ${q(path)} is nested more than ${max} folders deep inside its class folder; flatten the folder`,
  tooManyImages: (fn: string, dir: string, max: number) =>
    `${fn}: ${q(dir)} has more than ${max} images (options.maxImages); raise it, or read a smaller folder`,
  tooManyPixels: (fn: string, dir: string, count: number, size: string, max: number) =>
    `${fn}: ${q(dir)}: ${count} images of ${size} make ${count}×${size} float32 values, over the ${mib(max)} limit ` +
    `of one Float32Array; use a smaller size or fewer images`,
  imageSizeMismatch: (fn: string, file: string, width: number, height: number, ew: number, eh: number) =>
    `${fn}: ${q(file)} is ${wh(width, height)} pixels (width × height) but ${wh(ew, eh)} was expected ` +
    `(options.fit 'exact'); resize it, or pass fit 'resize' to resize every image to ${wh(ew, eh)}`,
  folderNotEmpty: (fn: string, dir: string) =>
    `${fn}: ${q(dir)} exists and is not empty; an image folder is written whole into a new or empty folder; ` +
    `pick another path or remove it`,
  writeFailed: (fn: string, dir: string, reason: string) =>
    `${fn}: could not write the image folder ${q(dir)}: ${escapeForMessage(reason, 200)}; nothing was left behind`,
} as const;
