import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { Utf8Checker } from './utf8-checker.js';

/** A chunk from text (ASCII and `\xNN` escapes written as single bytes, not UTF-8). */
const bytes = (latin1: string): Uint8Array => Uint8Array.from(Buffer.from(latin1, 'latin1'));

/** Pushes the chunks in order (then `end`) and returns the line a `not-utf8` error names, or `undefined`. */
function badLine(chunks: readonly string[]): number | undefined {
  const checker = new Utf8Checker('loadCsv', 'data.csv');
  try {
    for (const chunk of chunks) checker.push(bytes(chunk));
    checker.end();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect(e).toMatchObject({ code: 'not-utf8', file: 'data.csv' });
    const error = e as DatasetError;
    expect(error.message).toBe(
      `loadCsv: "data.csv", line ${error.row} is not valid UTF-8 text; save the file as UTF-8 (e.g. "CSV UTF-8" in a spreadsheet)`,
    );
    return error.row;
  }
  return undefined;
}

describe('Utf8Checker', () => {
  // Each expected line is counted by hand: 1 + the LF bytes before the bad byte, over all chunks. Bytes: é is
  // c3 a9, € is e2 82 ac, 😀 is f0 9f 98 80; ff is never UTF-8, a lone 80 is a continuation byte.
  it.each<[string, string[], number | undefined]>([
    ['valid text in one chunk', ['a,y\n\xc3\xa9,1\n'], undefined],
    [
      'valid characters split across chunks',
      ['a\xc3', '\xa9\n\xe2', '\x82\xac\n\xf0\x9f', '\x98\x80\n'],
      undefined,
    ],
    ['a bad byte on line 1 of the first chunk', ['\xff\n'], 1],
    ['a bad byte on line 3 of one chunk', ['a\nb\nc\xff\nd\n'], 3],
    ['a bad byte on line 3 of the second chunk', ['a\nb\n', 'c\nd\ne\xff\n'], 5],
    ['a bad byte at the start of a chunk, after chunks with LFs', ['a\n', 'b\nc\n', '\xff'], 4],
    ['LF bytes at byte 0 of chunks are counted', ['\n', '\nb\n', '\nc', '\xff'], 5],
    ['a chunk that starts with LF, bad byte on a later line of it', ['a\n', '\nb\n\xff'], 4],
    ['the first chunk starts with LF, bad byte on its line 3', ['\nb\n\xff'], 3],
    ['the previous chunk ends inside €, bad byte two lines on', ['a\n\xe2\x82', '\xac\n\n\xff'], 4],
    ['the previous chunk ends inside 😀, bad byte one line on', ['a\n\xf0\x9f\x98', '\x80\n\xff'], 3],
    [
      'the previous chunk ends in continuation bytes (of é é), bad byte two lines on',
      ['x\xc3\xa9\xc3\xa9', '\n\n\xff'],
      3,
    ],
    ['the previous chunk ends with a lead byte that the next chunk breaks', ['a\n\xc3', 'b\n\n'], 2],
    ['a truncated € across chunks, then more lines', ['a\n\xe2\x82', 'b\nc\n'], 2],
    ['a short chunk (2 bytes) ending inside €, bad byte one line on', ['\xe2\x82', '\xac\n\xff'], 2],
    ['😀 split over three short chunks, bad byte two lines on', ['\xf0', '\x9f', '\x98\x80\n\n\xff'], 3],
    [
      '😀 split over four one-byte chunks, bad byte one line on',
      ['a\n\xf0', '\x9f', '\x98', '\x80\n\xff'],
      3,
    ],
    ['data that ends inside a character: its last line', ['a\nb\n\xe2\x82'], 3],
  ])('%s', (_, chunks, line) => {
    expect(badLine(chunks)).toBe(line);
  });
});
