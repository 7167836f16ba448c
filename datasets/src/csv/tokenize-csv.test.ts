import { describe, expect, it } from 'vitest';
import { tokenizeCsv } from './tokenize-csv.js';

const tok = (text: string) => tokenizeCsv(text, 'f.csv', 'parseCsv').map((r) => [r.line, ...r.fields]);

describe('tokenizeCsv', () => {
  it('splits plain records on LF, CRLF and lone CR with their line numbers', () => {
    expect(tok('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
      [4, '5', '6'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines inside them', () => {
    expect(tok('name,note\n"Smith, J.","said ""hi"""\n"two\r\nlines",x\nlast,y\n')).toEqual([
      [1, 'name', 'note'],
      [2, 'Smith, J.', 'said "hi"'],
      [3, 'two\r\nlines', 'x'],
      [5, 'last', 'y'],
    ]);
  });

  it('skips blank lines but keeps empty fields and a trailing empty field', () => {
    expect(tok('a,b\n\n1,\n  \n,\n')).toEqual([
      [1, 'a', 'b'],
      [3, '1', ''],
      [5, '', ''],
    ]);
  });

  it('names the line where an unclosed quote opened', () => {
    expect(() => tok('a,b\n1,2\n3,"open\n4,5\n')).toThrow(
      `parseCsv: "f.csv", line 3: a quoted field opened here is never closed; add the closing '"'`,
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => tok('a,b\n"x"y,2\n')).toThrow(/"f\.csv", line 2: text follows a closing quote/);
  });
});
