/** RFC 4180 tokenizer: quoted fields with commas, `""` escapes and newlines; LF, CRLF and CR line ends. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Splits CSV text into records. Blank lines are skipped; a byte-order mark must be removed first.
 * Throws `DatasetError` for an unclosed quote or text after a closing quote.
 * @example tokenizeCsv('a,b\n"1,5",2\n', 'f.csv', 'parseCsv') // [{fields:['a','b'],line:1},{fields:['1,5','2'],line:2}]
 */
export function tokenizeCsv(text: string, file: string | undefined, fn: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    // Phase 1: read fields until the end of the record.
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        quotedAny = true;
        const openLine = line;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new DatasetError(
              'unterminated-quote',
              MESSAGES.unterminatedQuote(fn, { file, row: openLine }),
              {
                file,
                row: openLine,
              },
            );
          }
          const chunk = text.slice(j, q);
          line += countLineBreaks(chunk);
          value += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(value);
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          throw new DatasetError('text-after-quote', MESSAGES.textAfterQuote(fn, { file, row: line }), {
            file,
            row: line,
          });
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      // Phase 2: a comma continues the record; a line end or the end of text closes it.
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      break;
    }
    const blank = !quotedAny && fields.length === 1 && (fields[0] as string).trim() === '';
    if (!blank) records.push({ fields, line: startLine });
  }
  return records;
}

/** Line breaks inside a quoted value, counting CRLF once. */
function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}
