/** `parseCsv`: validated CSV text → `Dataset`, numeric features and a class target chosen by name. */
import { DatasetError, type DatasetErrorLocation } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { resolveCsvOptions, type CsvOptions } from './csv-options.js';
import { parseCell } from './parse-cell.js';
import { encodeLabels } from './encode-labels.js';
import { tokenizeCsv, type CsvRecord } from './tokenize-csv.js';

/** `CsvOptions` plus the file name used in error messages and the dataset's `source`. */
export type ParseCsvOptions = CsvOptions & { fileName?: string };

/**
 * Parses CSV text into a `Dataset`. Rules: a header line is required; fields are comma-separated, may be
 * quoted (`"a,b"`, `""` for a quote) and span lines; LF, CRLF and CR line ends; a UTF-8 BOM is ignored; blank
 * lines are skipped; cells are trimmed. Feature cells must be finite numbers (no empty cells, NaN or Infinity);
 * target labels (text or numbers) become classes sorted numerically when all labels are numbers, otherwise by
 * code unit. Any problem throws a `DatasetError` naming the file, the 1-based line and the column; nothing is
 * returned half-loaded.
 * @example
 * const ds = parseCsv('x,y,label\n1,2,a\n3,4,b\n', { target: 'label' });
 * ds.shape // [2, 2]; ds.classNames // ['a', 'b']; ds.target // Int32Array [0, 1]
 */
export function parseCsv(text: string, options: ParseCsvOptions): Dataset {
  return parseCsvAs('parseCsv', text, options, options.fileName);
}

/** `parseCsv` reporting errors as coming from `fn` (so `loadCsv`'s errors name `loadCsv`). */
export function parseCsvAs(fn: string, text: string, options: CsvOptions, file: string | undefined): Dataset {
  // 1. Options and size.
  const opts = resolveCsvOptions(options, fn);
  if (typeof text !== 'string') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, 'text', 'a string', typeof text));
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > opts.maxBytes) {
    throw new DatasetError(
      'file-too-large',
      MESSAGES.fileTooLarge(fn, file ?? 'CSV text', bytes, opts.maxBytes),
      {
        file,
      },
    );
  }
  // 2. Records.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new DatasetError('empty-file', MESSAGES.emptyFile(fn, { file }), { file });
  const records = tokenizeCsv(body, file, fn);
  const header = records[0] as CsvRecord;
  // 3. Header, target and features.
  const columns = checkHeader(fn, header, file);
  const { targetIndex, featureIndices } = selectColumns(fn, columns, opts.target, opts.features, {
    file,
    row: header.line,
  });
  const rows = records.length - 1;
  if (rows === 0) throw new DatasetError('no-data-rows', MESSAGES.noDataRows(fn, { file }), { file });
  // 4. Cells.
  const d = featureIndices.length;
  const features = new Float32Array(rows * d);
  const labels: string[] = new Array<string>(rows);
  for (let r = 0; r < rows; r++) {
    const rec = records[r + 1] as CsvRecord;
    if (rec.fields.length !== columns.length) {
      const loc = { file, row: rec.line };
      throw new DatasetError(
        'ragged-row',
        MESSAGES.raggedRow(fn, loc, rec.fields.length, columns.length),
        loc,
      );
    }
    for (let k = 0; k < d; k++) {
      const c = featureIndices[k] as number;
      const cell = parseCell(rec.fields[c] as string);
      if (cell.kind !== 'number') throw cellError(fn, cell.kind, rec, columns[c] as string, c, file);
      features[r * d + k] = cell.value;
    }
    const label = (rec.fields[targetIndex] as string).trim();
    if (label === '') throw cellError(fn, 'empty', rec, opts.target, targetIndex, file);
    labels[r] = label;
  }
  // 5. Classes and constant columns.
  const { classNames, target } = encodeLabels(labels);
  const targetName = columns[targetIndex] as string;
  if (classNames.length < 2) {
    const loc = { file, column: targetName };
    throw new DatasetError('one-class', MESSAGES.oneClass(fn, loc, classNames[0] ?? '', rows), loc);
  }
  const featureNames = featureIndices.map((c) => columns[c] as string);
  checkNotConstant(fn, features, rows, featureNames, file);
  // 6. The dataset.
  const base =
    file === undefined ? 'csv' : (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '') || 'csv';
  return {
    name: base,
    features,
    shape: [rows, d],
    featureNames,
    target,
    classNames,
    targetName,
    description:
      `${rows} rows × ${d} numeric features from ${file === undefined ? 'CSV text' : `"${file}"`}; ` +
      `target "${targetName}" with ${classNames.length} classes.`,
    source: file === undefined ? 'CSV text passed to parseCsv' : `CSV file ${file}`,
    license: 'unknown (user data)',
    missing: {
      rowsInSource: rows,
      rowsDropped: 0,
      policy: 'no rows dropped: an empty, NaN or Infinity cell in a used column is an error, never imputed',
    },
  };
}

/** Header names, trimmed; rejects a numeric first line, empty names and duplicates. */
function checkHeader(fn: string, header: CsvRecord, file: string | undefined): string[] {
  const names = header.fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const loc: DatasetErrorLocation = { file, row: header.line };
    if (name === '')
      throw new DatasetError('empty-header-cell', MESSAGES.emptyHeaderCell(fn, loc, i + 1), loc);
    if (parseCell(name).kind === 'number') {
      throw new DatasetError('no-header', MESSAGES.noHeader(fn, loc, i + 1, name), loc);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      const at = { ...loc, column: name };
      throw new DatasetError('duplicate-column', MESSAGES.duplicateColumn(fn, at, first + 1, i + 1), at);
    }
    seen.set(name, i);
  });
  return names;
}

/** Indices of the target and the feature columns (default: all but the target). */
function selectColumns(
  fn: string,
  columns: readonly string[],
  targetName: string,
  features: readonly string[] | undefined,
  loc: DatasetErrorLocation,
): { targetIndex: number; featureIndices: number[] } {
  const targetIndex = columns.indexOf(targetName);
  if (targetIndex < 0) {
    throw new DatasetError('unknown-target', MESSAGES.unknownTarget(fn, loc, targetName, columns), {
      ...loc,
      column: targetName,
    });
  }
  const names = features ?? columns.filter((_, i) => i !== targetIndex);
  const featureIndices = names.map((name) => {
    const i = columns.indexOf(name);
    const at = { ...loc, column: name };
    if (i < 0) throw new DatasetError('unknown-feature', MESSAGES.unknownFeature(fn, loc, name, columns), at);
    if (i === targetIndex) throw new DatasetError('target-is-feature', MESSAGES.targetIsFeature(fn, at), at);
    return i;
  });
  if (featureIndices.length === 0) throw new DatasetError('no-features', MESSAGES.noFeatures(fn, loc), loc);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.features', 'distinct column names', `"${dup}" twice`),
    );
  }
  return { targetIndex, featureIndices };
}

/** A cell-level error for a non-number outcome of `parseCell`. */
function cellError(
  fn: string,
  kind: 'empty' | 'non-numeric' | 'non-finite',
  rec: CsvRecord,
  column: string,
  index: number,
  file: string | undefined,
): DatasetError {
  const loc = { file, row: rec.line, column };
  const value = (rec.fields[index] ?? '').trim();
  if (kind === 'empty') return new DatasetError('empty-cell', MESSAGES.emptyCell(fn, loc), loc);
  if (kind === 'non-finite') return new DatasetError('non-finite', MESSAGES.nonFinite(fn, loc, value), loc);
  return new DatasetError('non-numeric', MESSAGES.nonNumeric(fn, loc, value), loc);
}

/** Rejects a feature column whose value is the same in every row. */
function checkNotConstant(
  fn: string,
  features: Float32Array,
  rows: number,
  names: readonly string[],
  file: string | undefined,
): void {
  const d = names.length;
  for (let k = 0; k < d; k++) {
    const first = features[k] as number;
    let constant = true;
    for (let r = 1; r < rows && constant; r++) constant = features[r * d + k] === first;
    if (constant) {
      const loc = { file, column: names[k] as string };
      throw new DatasetError('constant-feature', MESSAGES.constantFeature(fn, loc, first, rows), loc);
    }
  }
}
