/** `Utf8Checker`: strict, incremental UTF-8 validation of a byte stream that knows the line of a bad byte. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

const LF = 10;

/**
 * Checks chunks in order with a fatal streaming `TextDecoder` (a sequence split between chunks is fine) and counts
 * LF bytes, so a bad sequence is reported as a `not-utf8` `DatasetError` on its 1-based line. Only the error path
 * looks for the exact line inside the failing chunk. Memory: the last 3 bytes checked, whatever the file.
 * @example
 * const utf8 = new Utf8Checker('loadCsv', 'data.csv');
 * for await (const chunk of chunks) { utf8.push(chunk); parser.write(chunk); }
 * utf8.end();
 */
export class Utf8Checker {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** LF bytes in the chunks already checked. */
  private lines = 0;
  /** The last up-to-3 bytes already checked: a sequence cut by the chunk boundary starts there. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly fn: string,
    private readonly file: string,
  ) {}

  /** Checks the next chunk; throws `not-utf8` naming the line of the first bad byte. */
  push(chunk: Uint8Array): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.error(this.lines + 1 + lfBeforeFailure(this.tail, chunk));
    }
    this.lines += countLf(chunk);
    // A chunk under 3 bytes keeps bytes of the earlier tail: a pending sequence may span several short chunks.
    const seen = chunk.length >= 3 ? chunk : Uint8Array.of(...this.tail, ...chunk);
    this.tail = seen.slice(Math.max(0, seen.length - 3));
  }

  /** After the last chunk: throws `not-utf8` if the data ends inside a multi-byte sequence. */
  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw this.error(this.lines + 1);
    }
  }

  private error(row: number): DatasetError {
    const loc = { file: this.file, row };
    return new DatasetError('not-utf8', MESSAGES.notUtf8(this.fn, loc), loc);
  }
}

function countLf(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}

/**
 * LF bytes in `chunk` before the line on which a fresh decoder fails. It first replays `tail` from its first byte
 * that can start a character (a sequence pending at the boundary starts there: its bytes passed as a prefix), then
 * the chunk one line at a time — an LF is never inside a multi-byte sequence, so lines are safe cut points.
 */
function lfBeforeFailure(tail: Uint8Array, chunk: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  while (start < tail.length && ((tail[start] as number) & 0xc0) === 0x80) start++;
  try {
    decoder.decode(tail.subarray(start), { stream: true });
  } catch {
    return 0;
  }
  let lf = 0;
  let from = 0;
  while (from < chunk.length) {
    const at = chunk.indexOf(LF, from);
    const to = at < 0 ? chunk.length : at + 1;
    try {
      decoder.decode(chunk.subarray(from, to), { stream: true });
    } catch {
      return lf;
    }
    if (at < 0) break;
    lf++;
    from = to;
  }
  return lf;
}
