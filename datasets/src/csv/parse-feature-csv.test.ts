import { describe, expect, it } from 'vitest';
import { caught } from '../test-caught.js';
import { parseCsv } from './parse-csv.js';
import { parseFeatureCsv } from './parse-feature-csv.js';

const FN = 'parseFeatureCsv';
const parse = (text: string, features: readonly string[] = ['b', 'a'], maxBytes?: number) =>
  parseFeatureCsv(text, { features, fileName: 'bg.csv', ...(maxBytes === undefined ? {} : { maxBytes }) });

describe('parseFeatureCsv: well-formed input', () => {
  it('reads the named columns in the order asked, ignoring others (even text), with no target column', () => {
    const t = parse('id,a,b,note\nr1,1,2,hello\nr2,3,4.5,world\n');
    expect(t.shape).toEqual([2, 2]);
    expect(t.featureNames).toEqual(['b', 'a']);
    expect(Array.from(t.features)).toEqual([2, 1, 4.5, 3]);
    expect(t.missing).toMatchObject({ rowsInSource: 2, rowsDropped: 0 });
  });

  it('quoted fields: quoted names and cells, a comma and a line break inside an ignored quoted field', () => {
    const t = parse('\uFEFF"a","b","note"\r\n"1.5"," 2 ","x, ""y""\nz"\r\n3,4,w\r\n', ['a', 'b']);
    expect(Array.from(t.features)).toEqual([1.5, 2, 3, 4]);
    // The quoted line break counts: the bad cell of the record after it is on line 4.
    expect(() => parse('a,b,note\n1,2,"x\ny"\n3,q,w\n')).toThrow(
      'parseFeatureCsv: "bg.csv", line 4, column "b": "q" is not a number',
    );
  });

  it('one data row is a table (loadCsv refuses it: a constant column)', () => {
    const t = parse('a,b\n1,2\n');
    expect(t.shape).toEqual([1, 2]);
    expect(Array.from(t.features)).toEqual([2, 1]);
    expect(caught(() => parseCsv('a,b,y\n1,2,u\n', { target: 'y' })).code).toBe('one-class');
  });

  it('a constant column is kept (loadCsv refuses it)', () => {
    const text = 'a,b,y\n1,7,u\n2,7,v\n';
    expect(Array.from(parse(text).features)).toEqual([7, 1, 7, 2]);
    expect(caught(() => parseCsv(text, { target: 'y' })).code).toBe('constant-feature');
  });

  it('a column named like loadCsv targets is just a column: read if asked, ignored otherwise', () => {
    expect(Array.from(parse('a,b,y\n1,2,p\n3,4,p\n').features)).toEqual([2, 1, 4, 3]);
    expect(Array.from(parse('y,b\n5,6\n', ['y']).features)).toEqual([5]);
  });

  it('reads float32 values exactly as loadCsv does (the same cell parser)', () => {
    const text = 'a,b,y\n0.1,3.4028235e38,u\n-1.1754944e-38,-0.0e5,v\n';
    const ds = parseCsv(text, { target: 'y', features: ['b', 'a'] });
    expect(parse(text).features).toEqual(ds.features);
  });
});

describe('parseFeatureCsv: bad input names the file, line and column', () => {
  it.each<[string, string, readonly string[], string, string]>([
    [
      'a missing column, with the columns that exist',
      'id,a,c\n1,2,3\n',
      ['a', 'b'],
      'unknown-feature',
      `${FN}: "bg.csv", line 1: options.features names "b", which is not a column; the columns are "id", "a", "c"`,
    ],
    [
      'an empty cell (missing values are an error, no row is dropped)',
      'a,b\n1,2\n3,\n',
      ['a', 'b'],
      'empty-cell',
      `${FN}: "bg.csv", line 3, column "b" is empty; fill it or remove the row (missing values are not imputed)`,
    ],
    [
      'a NaN cell',
      'a,b\n1,2\n\nNaN,4\n',
      ['a', 'b'],
      'non-finite',
      `${FN}: "bg.csv", line 4, column "a": "NaN" is not a finite 32-bit number (NaN and Infinity are not allowed); fix or remove the row`,
    ],
    [
      'float32 overflow',
      'a,b\n1,1e39\n',
      ['a', 'b'],
      'float32-overflow',
      `${FN}: "bg.csv", line 2, column "b": "1e39" is not a finite 32-bit number: its magnitude is over 3.4028235e38, the float32 maximum, so it would become Infinity; rescale the column (e.g. a smaller unit)`,
    ],
    [
      'float32 underflow',
      'a,b\n1e-40,1\n',
      ['a', 'b'],
      'float32-underflow',
      `${FN}: "bg.csv", line 2, column "a": "1e-40" is nonzero but under 1.1754944e-38, the smallest normal float32, so it would become 0 or lose its precision; rescale the column (e.g. a larger unit)`,
    ],
    [
      'text in a feature column',
      'a,b\n1,"two"\n',
      ['a', 'b'],
      'non-numeric',
      `${FN}: "bg.csv", line 2, column "b": "two" is not a number; feature columns must be numeric (leave text columns out with options.features)`,
    ],
    [
      'a ragged row',
      'a,b\n1,2\n3\n',
      ['a'],
      'ragged-row',
      `${FN}: "bg.csv", line 3 has 1 fields but the header has 2; every row needs one field per column`,
    ],
    [
      'a header and no data row',
      'a,b\n\n',
      ['a'],
      'no-data-rows',
      `${FN}: "bg.csv" has a header but no data rows`,
    ],
    [
      'an empty file',
      '',
      ['a'],
      'empty-file',
      `${FN}: "bg.csv" is empty; a CSV needs a header line naming the columns and at least one data row`,
    ],
    [
      'no header (a numeric first line)',
      '1,2\n3,4\n',
      ['a'],
      'no-header',
      `${FN}: "bg.csv", line 1: header column 1 is the number "1", so the first line looks like data, not a header; add a first line naming the columns, e.g. "x1,x2,label"`,
    ],
    [
      'an unclosed quote',
      'a,b\n1,"2\n',
      ['a'],
      'unterminated-quote',
      `${FN}: "bg.csv", line 2: a quoted field opened here is never closed; add the closing '"'`,
    ],
    [
      'a column asked for twice',
      'a,b\n1,2\n',
      ['a', ' a'],
      'invalid-argument',
      // loadCsv's wording, quotes doubled as there (invalidArgument quotes a string `got`).
      `${FN}: options.features must be distinct column names, got ""a" twice"`,
    ],
  ])('%s', (_, text, features, code, message) => {
    const e = caught(() => parse(text, features));
    expect(e.message).toBe(message);
    expect(e.code).toBe(code);
  });

  it('text over maxBytes (UTF-8 bytes) is refused before parsing', () => {
    const text = 'a\n1\n';
    expect(parse(text, ['a'], 4).shape).toEqual([1, 1]);
    const e = caught(() => parse(text, ['a'], 3));
    expect(e).toMatchObject({ code: 'file-too-large', file: 'bg.csv' });
    expect(e.message).toMatch(
      /^parseFeatureCsv: "bg\.csv" is 4 bytes \(0\.0 MiB\), over the limit of 3 bytes/,
    );
  });

  it.each<[string, unknown, string]>([
    ['no options', undefined, `${FN}: options must be an object, got undefined`],
    [
      'no features',
      {},
      `${FN}: options.features must name the columns to read (at least one, in the order wanted; a feature table has no default columns), got nothing`,
    ],
    [
      'no columns',
      { features: [] },
      `${FN}: options.features must name the columns to read (at least one, in the order wanted; a feature table has no default columns), got an empty array`,
    ],
    ['a string', { features: 'a,b' }, `${FN}: options.features must be an array of column names, got "a,b"`],
    [
      'a number in it',
      { features: ['a', 1] },
      `${FN}: options.features must be an array of column names, got a,1`,
    ],
    [
      'maxBytes 0',
      { features: ['a'], maxBytes: 0 },
      `${FN}: options.maxBytes must be a positive whole number of bytes, got 0`,
    ],
    ['fileName 3', { features: ['a'], fileName: 3 }, `${FN}: options.fileName must be a string, got 3`],
  ])('bad options: %s', (_, options, message) => {
    const e = caught(() => parseFeatureCsv('a\n1\n', options as never));
    expect(e).toMatchObject({ code: 'invalid-argument', message });
  });

  it('text that is not a string', () => {
    expect(caught(() => parseFeatureCsv(3 as never, { features: ['a'] })).message).toBe(
      `${FN}: text must be a string, got "number"`,
    );
  });
});
