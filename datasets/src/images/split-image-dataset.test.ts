import { describe, expect, it } from 'vitest';
import { makePatternImages } from '../synthetic/make-pattern-images.js';
import { caught } from '../test-caught.js';
import type { Dataset } from '../types.js';
import { splitDataset } from './split-image-dataset.js';

/** A table whose row i is [i, 10·i] with class sizes 7, 2, 1. */
const table: Dataset = {
  name: 't',
  features: Float32Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? k / 2 : 5 * k - 5)),
  shape: [10, 2],
  featureNames: ['a', 'b'],
  target: Int32Array.of(0, 0, 0, 0, 0, 0, 0, 1, 1, 2),
  classNames: ['x', 'y', 'z'],
  targetName: 'c',
  description: 'd',
  source: 's',
  license: 'l',
  missing: { rowsInSource: 10, rowsDropped: 0, policy: 'p' },
};

describe('splitDataset', () => {
  it('stratified: round(count × fraction) per class, every class with ≥ 2 rows in both parts', () => {
    const { train, test } = splitDataset(table, { seed: 0, testFraction: 0.2 });
    const counts = (d: Dataset): number[] => [0, 1, 2].map((k) => d.target.filter((t) => t === k).length);
    expect(counts(test)).toEqual([1, 1, 0]); // x: round(1.4) = 1; y: round(0.4) = 0 → at least 1; z: a single row stays in train
    expect(counts(train)).toEqual([6, 1, 1]);
  });

  it('sourceIndex points at the rows copied; together the parts are a partition', () => {
    const { train, test } = splitDataset(table, { seed: 3 });
    for (const part of [train, test])
      part.sourceIndex!.forEach((src, i) => {
        expect(part.features[i * 2]).toBe(src);
        expect(part.features[i * 2 + 1]).toBe(10 * src);
        expect(part.target[i]).toBe(table.target[src]);
      });
    expect([...train.sourceIndex!, ...test.sourceIndex!].sort((a, b) => a - b)).toEqual([
      ...Array(10).keys(),
    ]);
  });

  it('deterministic for a seed; another seed gives another split', () => {
    const images = makePatternImages({ n: 50, size: 6, seed: 0, channels: 3 });
    const a = splitDataset(images, { seed: 1 });
    expect(splitDataset(images, { seed: 1 }).test.sourceIndex).toEqual(a.test.sourceIndex);
    expect(splitDataset(images, { seed: 2 }).test.sourceIndex).not.toEqual(a.test.sourceIndex);
    expect(a.test.shape).toEqual([10, 6, 6, 3]);
    expect(a.train.shape).toEqual([40, 6, 6, 3]);
  });

  it('composes with an existing sourceIndex', () => {
    const { train } = splitDataset(table, { seed: 0 });
    const again = splitDataset(train, { seed: 0 });
    for (const part of [again.train, again.test])
      part.sourceIndex!.forEach((src, i) => expect(part.features[i * 2]).toBe(src));
  });

  it('bad options are named', () => {
    expect(caught(() => splitDataset(table, { seed: 0.5 })).message).toBe(
      'splitDataset: options.seed must be an integer, got 0.5',
    );
    expect(caught(() => splitDataset(table, { seed: 0, testFraction: 1 })).message).toBe(
      'splitDataset: options.testFraction must be a number in (0, 1), got 1',
    );
  });
});
