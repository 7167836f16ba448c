/** The one csv-parse configuration of `parseCsv` and `loadCsv`, so both read text by the same rules. */
import type { InfoRecord, Options } from 'csv-parse';

/**
 * Longest record accepted, in bytes: a file with no line end (or an unclosed quote) in this many bytes is not a
 * CSV table, and the cap keeps the parser's field buffer bounded. 8 MiB fits a row of ~400,000 numeric columns.
 */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * csv-parse options: comma-separated, `"` quotes with `""` inside; record ends `\r\n`, `\n` or `\r` (mixed ends are
 * fine); a UTF-8 BOM dropped; blank lines skipped; unquoted cells trimmed; a `"` inside an unquoted cell kept as
 * text (`5'10"`); rows of any length (the consumer reports ragged rows with their line). Records go to `onRecord`
 * and are not kept: it returns `null`.
 * @example parse(text, csvParserOptions((fields) => { use(fields); return null; }))
 */
export function csvParserOptions(onRecord: (fields: string[], context: InfoRecord) => null): Options {
  return {
    delimiter: ',',
    quote: '"',
    escape: '"',
    record_delimiter: ['\r\n', '\n', '\r'],
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: onRecord,
  };
}
