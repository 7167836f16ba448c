/**
 * `readBackgroundCsv`: the `--background FILE` rows, read by the same CSV rules as `--csv`. `loadCsv` needs a class
 * column with two classes or more, so a background without the target column (or with one class in it) is read
 * with a stand-in label column appended to each record.
 */
import { DatasetError, loadCsv, parseCsv } from '@openbox/datasets';
import { escapeForMessage, readRegularFile } from '@openbox/safe-io';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** Name of the stand-in label column (two labels, alternating, so the loader's two-class rule holds). */
export const STAND_IN_LABEL = '__openbox_background_label__';

/**
 * The background's feature columns `features` (by name, in that order; other columns are ignored), float32 row-major.
 * 1. `loadCsv` with the target column, as for `--csv`. 2. When the file has no target column (`unknown-target`) or
 * one class in it (`one-class`): the file is read again (a regular file, at most `maxBytes`, strict UTF-8), a label
 * column is appended to every line, and `parseCsv` reads that with the same rules, messages and line numbers. Quoted
 * fields may span lines, so such a file with quotes is refused. The loader also refuses a column with one value in
 * every row, hence a background of one row (a clear error suggesting more rows).
 * @example const rows = await readBackgroundCsv('bg.csv', 'y', ['x1', 'x2'], DEFAULT_MAX_BYTES);
 */
export async function readBackgroundCsv(
  path: string,
  target: string,
  features: readonly string[],
  maxBytes: number,
): Promise<Float32Array> {
  const shown = escapeForMessage(path, 200);
  // 1. As a labelled CSV.
  try {
    return (await loadCsv(path, { target, features, maxBytes })).features;
  } catch (error) {
    const standIn =
      error instanceof DatasetError &&
      ((error.code === 'unknown-target' && error.column === target) || error.code === 'one-class');
    if (!standIn) throw error;
  }
  // 2. With stand-in labels.
  const bytes = await readRegularFile(path, { maxBytes, what: 'CSV file', caller: 'openbox explain' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CommandError('bad-input-file', MESSAGES.backgroundNotUtf8(shown));
  }
  if (text.includes('"')) throw new CommandError('bad-input-file', MESSAGES.backgroundQuoted(shown, target));
  try {
    const options = { target: STAND_IN_LABEL, features, maxBytes: Number.MAX_SAFE_INTEGER, fileName: path };
    return parseCsv(withStandInLabels(text), options).features;
  } catch (error) {
    if (error instanceof DatasetError && error.code === 'one-class')
      throw new CommandError('bad-input-file', MESSAGES.backgroundRows(shown, 1));
    throw error;
  }
}

/** `text` with `,label` appended to every non-empty line: the header gets the column name, rows `a` and `b` in turn. */
export function withStandInLabels(text: string): string {
  const parts = text.split(/(\r\n|\n|\r)/);
  let record = 0;
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i] === '') continue;
    parts[i] += `,${record === 0 ? STAND_IN_LABEL : record % 2 === 1 ? 'a' : 'b'}`;
    record++;
  }
  return parts.join('');
}
