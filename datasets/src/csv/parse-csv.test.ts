import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { caught } from '../test-caught.js';
import { parseCsv } from './parse-csv.js';

const parse = (text: string, target = 'y', features?: string[]) =>
  parseCsv(text, { target, fileName: 'data.csv', ...(features ? { features } : {}) });

/** Runs `fn`, expects a DatasetError and returns it. */
describe('parseCsv: well-formed input', () => {
  it('parses numeric features and a string target, with classes sorted', () => {
    const ds = parse('x1,x2,y\n1,2.5,dog\n-3e2,.5,cat\n4,+6,dog\n');
    expect(ds.shape).toEqual([3, 2]);
    expect(Array.from(ds.features)).toEqual([1, 2.5, -300, 0.5, 4, 6]);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(ds.target)).toEqual([1, 0, 1]);
    expect(ds.targetName).toBe('y');
    expect(ds.name).toBe('data');
    expect(ds.missing).toMatchObject({ rowsInSource: 3, rowsDropped: 0 });
  });

  it('handles a BOM, CRLF, quoted fields with commas, and a target in the middle', () => {
    const ds = parse('\uFEFF"a",y,"b"\r\n"1.5",x,2\r\n3," z, w ",4\r\n', 'y');
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(ds.classNames).toEqual(['x', 'z, w']);
    expect(Array.from(ds.features)).toEqual([1.5, 2, 3, 4]);
    // "1,5" is one field (not a number): the loader reports it rather than splitting it.
    expect(() => parse('a,y,b\n"1,5",x,2\n3,z,4\n')).toThrow(/line 2, column "a": "1,5" is not a number/);
  });

  it('sorts numeric labels numerically and keeps the given feature order', () => {
    const ds = parse('a,b,c,y\n1,2,3,10\n4,5,7,2\n7,8,9,1\n', 'y', ['c', 'a']);
    expect(ds.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(ds.target)).toEqual([2, 1, 0]);
    expect(ds.featureNames).toEqual(['c', 'a']);
    expect(Array.from(ds.features)).toEqual([3, 1, 7, 4, 9, 7]);
  });

  it('ignores columns that are not selected, even if they hold text', () => {
    const ds = parse('id,a,y\nA-1,1,0\nB-2,2,1\n', 'y', ['a']);
    expect(ds.shape).toEqual([2, 1]);
  });
});

describe('parseCsv: bad input names the file, line and column', () => {
  it('empty file', () => {
    const e = caught(() => parse(''));
    expect(e.code).toBe('empty-file');
    expect(e.message).toBe(
      'parseCsv: "data.csv" is empty; a CSV needs a header line naming the columns and at least one data row',
    );
    expect(caught(() => parse('\uFEFF\n \r\n')).code).toBe('empty-file');
  });

  it('no header (the first line is numeric)', () => {
    const e = caught(() => parse('5.1,3.5,1\n4.9,3.0,0\n'));
    expect(e.message).toMatch(
      /"data\.csv", line 1: header column 1 is the number "5\.1", so the first line looks like data/,
    );
    expect(e).toMatchObject({ code: 'no-header', file: 'data.csv', row: 1 });
  });

  it('header only, no data rows', () => {
    expect(caught(() => parse('a,y\n')).message).toBe('parseCsv: "data.csv" has a header but no data rows');
  });

  it('a header column without a name', () => {
    expect(caught(() => parse('a,,y\n1,2,3\n')).message).toMatch(/line 1: header column 2 has no name/);
  });

  it('duplicate column names', () => {
    const e = caught(() => parse('a,b,a,y\n1,2,3,0\n'));
    expect(e.message).toMatch(
      /"data\.csv", line 1, column "a" is named twice in the header \(columns 1 and 3\)/,
    );
    expect(e).toMatchObject({ code: 'duplicate-column', column: 'a' });
  });

  it('ragged rows', () => {
    const e = caught(() => parse('a,b,y\n1,2,0\n3,1\n5,6,1\n'));
    expect(e.message).toBe(
      'parseCsv: "data.csv", line 3 has 2 fields but the header has 3; every row needs one field per column',
    );
    expect(e).toMatchObject({ code: 'ragged-row', row: 3 });
  });

  it('counts line numbers through quoted line breaks and CRLF', () => {
    const e = caught(() => parse('a,note,y\r\n1,"x\r\ny",0\r\n2,z,1\r\n3,w\r\n', 'y', ['a']));
    expect(e.row).toBe(5);
  });

  it('non-numeric cell in a feature column', () => {
    const e = caught(() => parse('a,b,y\n1,2,0\n3,abc,1\n'));
    expect(e.message).toMatch(
      /"data\.csv", line 3, column "b": "abc" is not a number; feature columns must be numeric/,
    );
    expect(e).toMatchObject({ code: 'non-numeric', row: 3, column: 'b' });
  });

  it('NaN cell', () => {
    const e = caught(() => parse('a,b,y\n1,NaN,0\n3,4,1\n'));
    expect(e.message).toMatch(/line 2, column "b": "NaN" is not a finite 32-bit number/);
    expect(e.code).toBe('non-finite');
  });

  it('Infinity cells, including a value that overflows float32', () => {
    expect(caught(() => parse('a,b,y\n1,2,0\n-Infinity,4,1\n')).message).toMatch(
      /line 3, column "a": "-Infinity" is not a finite/,
    );
    expect(caught(() => parse('a,b,y\n1,inf,0\n3,4,1\n')).code).toBe('non-finite');
    expect(caught(() => parse('a,b,y\n1,2,0\n1e39,4,1\n')).message).toMatch(
      /"1e39" is not a finite 32-bit number/,
    );
  });

  it('empty cells in a feature or the target column', () => {
    const f = caught(() => parse('a,b,y\n1,2,0\n3, ,1\n'));
    expect(f.message).toBe(
      'parseCsv: "data.csv", line 3, column "b" is empty; fill it or remove the row (missing values are not imputed)',
    );
    const t = caught(() => parse('a,b,y\n1,2,0\n3,4,\n'));
    expect(t).toMatchObject({ code: 'empty-cell', row: 3, column: 'y' });
  });

  it('a target column that does not exist lists the columns', () => {
    const e = caught(() => parse('a,b,label\n1,2,0\n', 'species'));
    expect(e.message).toBe(
      'parseCsv: "data.csv", line 1: options.target "species" is not a column; the columns are "a", "b", "label"',
    );
    expect(e).toMatchObject({ code: 'unknown-target', column: 'species' });
  });

  it('an unknown feature name lists the columns', () => {
    const e = caught(() => parse('a,b,y\n1,2,0\n', 'y', ['a', 'c']));
    expect(e.message).toMatch(
      /options\.features names "c", which is not a column; the columns are "a", "b", "y"/,
    );
  });

  it('the target listed as a feature', () => {
    expect(caught(() => parse('a,b,y\n1,2,0\n', 'y', ['a', 'y'])).message).toMatch(
      /column "y" is both options\.target and one of options\.features/,
    );
  });

  it('a target with one class', () => {
    const e = caught(() => parse('a,b,y\n1,2,yes\n3,4,yes\n'));
    expect(e.message).toMatch(
      /column "y": the target has a single class \("yes" in all 2 rows\); a classifier needs at least 2/,
    );
    expect(e.code).toBe('one-class');
  });

  it('a constant feature column', () => {
    const e = caught(() => parse('a,b,y\n1,7,0\n2,7,1\n3,7.0,1\n'));
    expect(e.message).toMatch(
      /"data\.csv", column "b" has the same value 7 in all 3 rows; a constant feature/,
    );
    expect(e).toMatchObject({ code: 'constant-feature', column: 'b' });
  });

  it('text over the size limit', () => {
    const e = caught(() => parseCsv('a,y\n1,0\n2,1\n', { target: 'y', maxBytes: 8 }));
    expect(e.message).toMatch(
      /^parseCsv: "CSV text" is 12 bytes \(0\.0 MiB\), over the limit of 8 bytes \(0\.0 MiB\); raise options\.maxBytes/,
    );
  });

  it('nothing is half-loaded: an error on the last row throws instead of returning the good rows', () => {
    const good = Array.from({ length: 100 }, (_, i) => `${i},${i % 2}`).join('\n');
    expect(caught(() => parse(`a,y\n${good}\nx,1\n`)).row).toBe(102);
  });

  it('invalid options name the argument', () => {
    expect(() => parseCsv('a,y\n1,0\n', { target: '' })).toThrow(
      'parseCsv: options.target must be a column name, got ""',
    );
  });
});

describe('parseCsv: records (csv-parse with the loader options)', () => {
  const f = (text: string, target = 'y', features?: string[]) =>
    parseCsv(text, { target, fileName: 'f.csv', ...(features ? { features } : {}) });

  it('splits records on LF, CRLF and lone CR, mixed in one file, and counts lines for each', () => {
    expect(Array.from(f('a,y\n1,0\r\n2,1\r3,0').features)).toEqual([1, 2, 3]);
    expect(caught(() => f('a,y\n1,0\r\n2,1\r?,0\n4,1'))).toMatchObject({ code: 'non-numeric', row: 4 });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines inside them', () => {
    const text = 'name,note,a,y\n"Smith, J.","said ""hi""",1,0\n"two\r\nlines",x,2,1\nlast,"y\n\nz",3,1\n';
    const ds = f(text, 'note', ['a']);
    expect(ds.classNames).toEqual(['said "hi"', 'x', 'y\n\nz']);
    expect(caught(() => f(text.replace(',3,1', ',?,1'), 'y', ['a']))).toMatchObject({ row: 5, column: 'a' });
    expect(caught(() => f(`${text}?,z,w,1\n`, 'y', ['a']))).toMatchObject({ row: 8, column: 'a' });
  });

  it('skips blank and whitespace-only lines but keeps empty fields, with the right line numbers', () => {
    expect(f('a,b,y\n\n1,2,0\n  \n\t\n3,4,1\n\n').shape).toEqual([2, 2]);
    expect(caught(() => f('a,y\n\n1,\n'))).toMatchObject({ code: 'empty-cell', row: 3, column: 'y' });
    expect(caught(() => f('a,y\n\n1,0\n \n,1\n'))).toMatchObject({ code: 'empty-cell', row: 5, column: 'a' });
  });

  it('keeps a quote inside an unquoted cell as text', () => {
    expect(f('height,a,y\n5\'10",1,0\n6\'1",2,1\n', 'height').classNames).toEqual(['5\'10"', '6\'1"']);
  });

  it('trims unquoted cells and quoted labels; spaces around a quoted field are fine', () => {
    const ds = f('a , y\n 1 , " p " \n2,  "q"  \n');
    expect(ds.featureNames).toEqual(['a']);
    expect(ds.classNames).toEqual(['p', 'q']);
  });

  it('names the line where an unclosed quote opened', () => {
    expect(() => f('a,y\n1,2\n3,"open\n4,5\n')).toThrow(
      `parseCsv: "f.csv", line 3: a quoted field opened here is never closed; add the closing '"'`,
    );
    expect(caught(() => f('a,note,y\n1,"x\r\ny",0\r\n\r\n2,"open\n', 'y', ['a']))).toMatchObject({
      code: 'unterminated-quote',
      row: 5,
    });
  });

  it('rejects text after a closing quote', () => {
    expect(() => f('a,y\n"x"y,2\n')).toThrow(/"f\.csv", line 2: text follows a closing quote/);
    expect(caught(() => f('a,y\n1,2\n"x" y,2\n'))).toMatchObject({ code: 'text-after-quote', row: 3 });
  });

  it('rejects a record over the 8 MiB cap', () => {
    const e = caught(() => f(`a,y\n1,0\n2,"${'x'.repeat(8 * 1024 * 1024 + 1)}`));
    expect(e).toMatchObject({ code: 'record-too-long', row: 3 });
  });

  it('a feature value float32 cannot hold is an error, not a silent Infinity or 0', () => {
    expect(caught(() => f('a,b,y\n1,2,0\n3,1e-40,1\n'))).toMatchObject({
      code: 'float32-underflow',
      row: 3,
      column: 'b',
    });
    // The old failure: 1e-300 in every row became "the same value 0 in all 50 rows".
    const tiny = Array.from({ length: 50 }, (_, i) => `${i},1e-300,${i % 2}`).join('\n');
    expect(caught(() => f(`a,b,y\n${tiny}\n`))).toMatchObject({ code: 'float32-underflow', row: 2 });
    expect(caught(() => f('a,b,y\n1,2,0\n3,-3.5e38,1\n')).code).toBe('float32-overflow');
    expect(Array.from(f('a,b,y\n1,3.4e38,0\n3,1.2e-38,1\n').features)).toEqual([
      1,
      Math.fround(3.4e38),
      3,
      Math.fround(1.2e-38),
    ]);
  });

  it('a numeric header cell is found even when float32 could not hold it', () => {
    expect(caught(() => f('1e-40,y\n1,0\n')).code).toBe('no-header');
  });
});
