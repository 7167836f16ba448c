import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { selectImages } from './select-images.js';

/** Three classes of unequal size, in folder order: a a a b c c. */
const folder = {
  labels: [0, 0, 0, 1, 2, 2],
  classNames: ['a', 'b', 'c'],
  files: ['a/1.png', 'a/2.png', 'a/3.png', 'b/1.png', 'c/1.png', 'c/2.png'],
};

describe('selectImages', () => {
  it('every image without --class or --limit, in folder order', () => {
    expect(selectImages(folder, undefined, undefined)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(selectImages(folder, undefined, 99)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('--limit takes the classes in turn (first of each, then second of each, …), returned in folder order', () => {
    expect(selectImages(folder, undefined, 1)).toEqual([0]);
    expect(selectImages(folder, undefined, 3)).toEqual([0, 3, 4]);
    expect(selectImages(folder, undefined, 4)).toEqual([0, 1, 3, 4]);
    expect(selectImages(folder, undefined, 5)).toEqual([0, 1, 3, 4, 5]);
  });

  it('--class keeps the classes named, in any order given', () => {
    expect(selectImages(folder, ['c', 'a'], undefined)).toEqual([0, 1, 2, 4, 5]);
    expect(selectImages(folder, ['c', 'a'], 3)).toEqual([0, 1, 4]);
  });

  it('an unknown class is a usage error listing the folder’s classes', () => {
    expect(() => selectImages(folder, ['a', 'd'], undefined)).toThrow(
      new UsageError(
        'invalid-value',
        "--class 'd' is not a class of the image folder; its classes: a, b, c.",
        'class',
      ),
    );
  });
});
