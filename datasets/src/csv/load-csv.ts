/** `loadCsv`: reads a user's CSV file safely (stat, size limit, strict UTF-8) and parses it with `parseCsv`. */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { resolveCsvOptions, type CsvOptions } from './csv-options.js';
import { parseCsvAs } from './parse-csv.js';

const FN = 'loadCsv';

/**
 * Loads a CSV file into a `Dataset` with the rules of `parseCsv`. Before reading it checks that the path exists,
 * is a file and is at most `options.maxBytes` (default 50 MiB); the bytes must be valid UTF-8. Errors are
 * `DatasetError`s naming the file, line and column.
 * @example
 * const penguins = loadCsv('penguins.csv', { target: 'species', features: ['bill_length_mm', 'body_mass_g'] });
 */
export function loadCsv(path: string, options: CsvOptions): Dataset {
  // 1. Arguments.
  if (typeof path !== 'string' || path === '') {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(FN, 'path', 'a file path', path));
  }
  const { maxBytes } = resolveCsvOptions(options, FN);
  // 2. What is at the path, and how big it is, before reading anything.
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new DatasetError('missing-file', MESSAGES.missingFile(FN, path), { file: path });
    }
    throw e;
  }
  if (stats.isDirectory()) throw new DatasetError('not-a-file', MESSAGES.notAFile(FN, path), { file: path });
  if (stats.size > maxBytes) {
    throw new DatasetError('file-too-large', MESSAGES.fileTooLarge(FN, path, stats.size, maxBytes), {
      file: path,
    });
  }
  // 3. Strict UTF-8 decoding.
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loc = { file: path, row: firstBadLine(bytes) };
    throw new DatasetError('not-utf8', MESSAGES.notUtf8(FN, loc), loc);
  }
  // 4. Parse.
  return parseCsvAs(FN, text, options, path);
}

/** 1-based line of the first byte sequence that is not UTF-8 (decodes line by line; only on the error path). */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return line;
}
