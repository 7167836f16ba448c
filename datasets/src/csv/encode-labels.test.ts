import { describe, expect, it } from 'vitest';
import { encodeLabels } from './encode-labels.js';

/** Encodes labels seen in this row order (first-seen ids, as `GrowingTable` keeps them). */
function encodeRows(rows: readonly string[]): { classNames: string[]; target: number[] } {
  const distinct = [...new Set(rows)];
  const ids = Int32Array.from(rows, (label) => distinct.indexOf(label));
  const { classNames, target } = encodeLabels(distinct, ids);
  return { classNames, target: Array.from(target) };
}

describe('encodeLabels', () => {
  // Expected orders written out by hand: code-unit order compares '1' (0x31) < '2' (0x32) < 'x' (0x78), and a
  // space (0x20) or the empty string before any digit.
  it.each<[string, string[], string[]]>([
    ['text labels, by code unit', ['b', 'c', 'a'], ['a', 'b', 'c']],
    ['upper case before lower case (code units, not locale)', ['b', 'B', 'a'], ['B', 'a', 'b']],
    ['numbers, numerically', ['10', '2', '1'], ['1', '2', '10']],
    ['numbers and one text label: all by code unit', ['2', 'x', '10'], ['10', '2', 'x']],
    ['numbers and a blank label: all by code unit', ['2', '', '10'], ['', '10', '2']],
    ['numbers and a whitespace-only label: all by code unit', ['2', ' ', '10'], [' ', '10', '2']],
    ['numbers and Infinity: all by code unit', ['2', 'Infinity', '10'], ['10', '2', 'Infinity']],
    ['numerically equal spellings: the tie broken by code unit', ['1.0', '2', '1'], ['1', '1.0', '2']],
    ['numeric spellings across exponents', ['1e1', '9', '-3'], ['-3', '9', '1e1']],
  ])('%s', (_, labels, classNames) => {
    const encoded = encodeRows(labels);
    expect(encoded.classNames).toEqual(classNames);
    // Each row's class index points back at its own label.
    expect(encoded.target.map((c) => encoded.classNames[c])).toEqual(labels);
  });

  it('rewrites the ids in place and returns that array as target', () => {
    const ids = Int32Array.of(0, 1, 0, 2, 1);
    const { classNames, target } = encodeLabels(['b', 'c', 'a'], ids);
    expect(classNames).toEqual(['a', 'b', 'c']);
    expect(target).toBe(ids);
    expect(Array.from(ids)).toEqual([1, 2, 1, 0, 2]);
  });
});
