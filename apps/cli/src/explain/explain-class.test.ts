import { describe, expect, it } from 'vitest';
import type { TabularClassifier } from '@openbox/tabular';
import { UsageError } from '../errors.js';
import { classesPerRow, classNamesOf, resolveClass } from './explain-class.js';

const NAMES = ['Adelie', 'Chinstrap', 'Gentoo'];
/** A 3-class softmax stub whose scores are the row itself. */
const softmax3: TabularClassifier = {
  features: 3,
  classes: 3,
  label: 'stub',
  head: 'softmax',
  scores: (x) => Float64Array.from(x.data),
};

describe('resolveClass', () => {
  it.each([
    ['Gentoo', 2],
    ['0', 0],
    ['2', 2],
  ])('%s → %i', (given, index) => expect(resolveClass(given, NAMES, 'the model')).toBe(index));

  it('prefers a name over an index (a class named "1")', () => {
    expect(resolveClass('1', ['1', '0'], 'the model')).toBe(0);
  });

  it.each(['3', '01', '-1', 'gentoo', ''])('refuses %j, listing the classes', (given) => {
    expect(() => resolveClass(given, NAMES, '--target species')).toThrow(
      new UsageError(
        'invalid-value',
        `--class '${given}' is not a class of --target species: give a name or an index of 0 'Adelie', 1 'Chinstrap', 2 'Gentoo'.`,
        'class',
      ),
    );
  });
});

describe('classesPerRow and classNamesOf', () => {
  const x = { data: Float64Array.of(0, 5, 1, 9, 2, 3, 1, 1, 1), rows: 3, cols: 3 };
  it('gives each row its argmax (first on ties), or the class given', () => {
    expect(classesPerRow(softmax3, x, undefined)).toEqual(Int32Array.of(1, 0, 0));
    expect(classesPerRow(softmax3, x, 2)).toEqual(Int32Array.of(2, 2, 2));
  });
  it('gives class 1 for two classes', () => {
    expect(classesPerRow({ ...softmax3, classes: 2, head: 'sigmoid' }, x, undefined)).toEqual(
      Int32Array.of(1, 1, 1),
    );
  });
  it('names classes by the table when the counts agree, else by index', () => {
    expect(classNamesOf(softmax3, NAMES)).toBe(NAMES);
    expect(classNamesOf(softmax3, ['a', 'b'])).toEqual(['0', '1', '2']);
  });
});
